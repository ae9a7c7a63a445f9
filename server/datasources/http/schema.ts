import { z } from 'zod';

/** A secret is never written in the config itself: it comes from the environment or a file. */
export const SecretSchema = z
  .strictObject({ env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .refine((s) => (s.env === undefined) !== (s.file === undefined), {
    error: 'give exactly one of env or file',
  });
export type Secret = z.infer<typeof SecretSchema>;

export const TlsSchema = z
  .strictObject({
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** Named so that nobody sets it by accident. */
    insecureSkipVerify: z.boolean().optional(),
  })
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    error: 'a client certificate needs both certFile and keyFile',
  });
export type TlsConfig = z.infer<typeof TlsSchema>;

export const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'url must be an http:// or https:// address',
});
