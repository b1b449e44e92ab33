// Validates annotations, collections and pages against the MUST assertions of the W3C Web Annotation conformance suite
// (JSON Schema draft-04), read from ../shared/conformance/wpt-annotation-model.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { root } from './support.mjs';

const suite = path.resolve(root, '..', 'shared', 'conformance', 'wpt-annotation-model');
const BASE = 'https://conformance.test/definitions/';

function load(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Returns a function that lists the MUST assertions of one `.test` file (by default the
 * annotation suite; also `collections/collectionMusts.test`, `collections/pages/pageMusts.test`)
 * that a value fails.
 */
export function mustValidator(test = 'annotations/annotationMusts.test') {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const name of fs.readdirSync(path.join(suite, 'definitions'))) {
    const schema = load(path.join(suite, 'definitions', name));
    schema.id = `${BASE}${name}`;
    ajv.addSchema(schema);
  }
  const musts = load(path.join(suite, test)).assertions.map((relative) => {
    const schema = load(path.join(suite, relative));
    schema.id = `${BASE}${path.basename(relative)}`;
    return [relative, ajv.compile(schema)];
  });
  return (value) => musts.filter(([, validate]) => !validate(value)).map(([name]) => name);
}

export const mustCount = (test = 'annotations/annotationMusts.test') => load(path.join(suite, test)).assertions.length;
