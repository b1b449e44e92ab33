// A peer that is not this app: plain Yjs over the y-websocket protocol (the server's own
// libraries), for the journeys to write whatever they like into a room.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const frame = (write) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** Joins the room at `url` (server and room path); resolves once the room's state is in. */
export async function joinRoom(url, user) {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  let synced;
  const received = new Promise((resolve) => { synced = resolve; });
  socket.on('message', (data) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, 'remote');
      if (kind === syncProtocol.messageYjsSyncStep2) synced();
      if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'remote');
    }
  });
  doc.on('update', (update, origin) => {
    if (origin !== 'remote') socket.send(frame((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, update); }));
  });
  await new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
  socket.send(frame((e) => { encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep1(e, doc); }));
  if (user) {
    awareness.setLocalState({ user });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    socket.send(frame((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, update); }));
  }
  await received;
  return {
    doc,
    records: doc.getMap('records'),
    document: doc.getMap('document'),
    /** Sends raw bytes as one message. */
    sendRaw: (bytes) => socket.send(bytes),
    /** Leaves: the socket closes, and awareness stops its timer (else the process stays up). */
    close: () => new Promise((resolve) => {
      awareness.destroy();
      doc.destroy();
      socket.once('close', resolve);
      socket.close();
    }),
  };
}
