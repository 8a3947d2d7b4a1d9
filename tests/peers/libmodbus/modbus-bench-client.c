/* libmodbus client loop for `cedge-bench compare modbus-tcp-read`: the peer's figure, measured in the same run.
 *   modbus-bench-client HOST PORT REQUESTS    reads 10 holding registers from address 0, REQUESTS times, sequentially
 * Prints "<requests> <seconds>" on success. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <modbus.h>

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s HOST PORT REQUESTS\n", argv[0]); return 2; }
    long requests = atol(argv[3]);
    modbus_t *ctx = modbus_new_tcp(argv[1], atoi(argv[2]));
    if (modbus_connect(ctx) == -1) { fprintf(stderr, "connect: %s\n", modbus_strerror(errno)); return 1; }
    uint16_t registers[10];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < requests; i++) {
        if (modbus_read_registers(ctx, 0, 10, registers) != 10) { fprintf(stderr, "read: %s\n", modbus_strerror(errno)); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld %.6f\n", requests, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
