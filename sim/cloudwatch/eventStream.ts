import { crc32 } from 'node:zlib';

const STRING_HEADER = 7;

function encodeHeaders(headers: Record<string, string>): Buffer {
  return Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const n = Buffer.from(name);
      const v = Buffer.from(value);
      const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
      out.writeUInt8(n.length, 0);
      n.copy(out, 1);
      out.writeUInt8(STRING_HEADER, 1 + n.length);
      out.writeUInt16BE(v.length, 2 + n.length);
      v.copy(out, 4 + n.length);
      return out;
    }),
  );
}

/**
 * One `application/vnd.amazon.eventstream` message: a prelude (total and header lengths) with
 * its CRC32, string headers, the payload, and a CRC32 of everything before it.
 */
export function encodeFrame(headers: Record<string, string>, payload: Buffer): Buffer {
  const head = encodeHeaders(headers);
  const total = 12 + head.length + payload.length + 4;
  const frame = Buffer.alloc(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(head.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  head.copy(frame, 12);
  payload.copy(frame, 12 + head.length);
  frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
  return frame;
}

export function eventFrame(eventType: string, body: unknown): Buffer {
  return encodeFrame(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(body)),
  );
}

export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return encodeFrame(
    {
      ':exception-type': exceptionType,
      ':content-type': 'application/json',
      ':message-type': 'exception',
    },
    Buffer.from(JSON.stringify({ message })),
  );
}
