import { describe, expect, it } from 'vitest';
import { detectLevel } from './detectLevel';

describe('detectLevel', () => {
  it.each([
    ['{"level":"error","msg":"x"}', 'error'],
    ['{"level":50,"msg":"pino"}', 'error'],
    ['{"level":30,"msg":"pino"}', 'info'],
    ['time=2024 level=WARN msg="slow"', 'warn'],
    ['{"time":"t","level":"INFO","msg":"slog"}', 'info'],
    ['2024-01-01 10:00:00.000 ERROR 1 --- [main] c.s.Service : boom', 'error'],
    ['[INFO] 10.244.0.5:43211 - 1 "A IN x. udp 60 false 512" NOERROR', 'info'],
    ['10.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 503 571 "-" "-"', 'error'],
    ['10.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /x HTTP/1.1" 404 612 "-" "-"', 'warn'],
    ['\tat com.shop.Payment.charge(Payment.java:88)', 'error'],
    ['\tat java.base/java.lang.Thread.run(Thread.java:1583)', 'error'],
    ['\t... 42 common frames omitted', 'error'],
    ['java.net.SocketTimeoutException: Read timed out', 'error'],
    ['org.apache.hadoop.ipc.RemoteException(org.apache.hadoop.security.Invalid): x', 'error'],
    ['20.38.166.115 - - [21/Feb/2018:17:26:53 +0000] "GET /intra HTTP/1.0" 500 2216', 'error'],
    ['127.0.0.1 - - [12/Apr/2018:09:48:40 +0200] "" 400 0 "-" "-"', 'warn'],
    ['10.0.0.1 - - [12/Apr/2018:09:48:40 +0200] "GET / HTTP/1.1" 499 - "-" "-"', 'warn'],
    ['Caused by: java.net.ConnectException: Connection refused', 'error'],
    ['{"kind":"Event","level":"Metadata","verb":"get"}', 'unknown'],
    ['ts=2024-05-01T10:00:00Z lvl=dbug msg=x', 'debug'],
    ['{"severity":"CRITICAL","message":"disk full"}', 'fatal'],
    ['panic: runtime error: index out of range', 'fatal'],
    ['\u001b[31mERROR\u001b[0m render failed', 'error'],
    ['E1124 23:11:00.123456       1 reflector.go:138] failed to list *v1.Pod', 'error'],
    ['W1124 23:11:00.123456       1 warnings.go:70] v1beta1 Ingress is deprecated', 'warn'],
    ['I1124 23:11:00.123456       1 leaderelection.go:258] successfully acquired lease', 'info'],
    ['Fluent Bit is logging', 'unknown'],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });
});
