// The two compressions a host may send the release in, each at its highest setting: shared by the
// build, which writes the copies (tools/post-build.mjs), and the benchmark, which counts them.
import zlib from 'node:zlib';

/** `body` as Brotli at its highest quality. */
export const brotli = (body) => zlib.brotliCompressSync(body, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
});

/** `body` as gzip at its highest level. */
export const gzip = (body) => zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION });
