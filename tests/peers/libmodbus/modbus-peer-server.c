/* A libmodbus server for CarbonEdge tests and benchmarks (a real Modbus peer we did not write).
 *   modbus-peer-server tcp PORT            listens on 127.0.0.1:PORT, one client at a time
 *   modbus-peer-server rtu DEVICE UNIT     serves unit UNIT on a serial device (8N1, 9600 baud; ptys ignore baud)
 * Map, 1000 entries per table: holding[i] = i; input[i] = (7 * i + 3) mod 65536, except input 100-101, which hold
 * 230.5 as float32 ABCD (0x4366 0x8000); discrete[i] = (i % 3 == 0); coils all off.
 * Prints "ready" once it accepts requests. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <modbus.h>

#define SIZE 1000

static modbus_mapping_t *make_mapping(void) {
    modbus_mapping_t *map = modbus_mapping_new(SIZE, SIZE, SIZE, SIZE);
    if (map == NULL) { fprintf(stderr, "mapping: %s\n", modbus_strerror(errno)); exit(1); }
    for (int i = 0; i < SIZE; i++) {
        map->tab_registers[i] = (uint16_t)i;
        map->tab_input_registers[i] = (uint16_t)(7 * i + 3);
        map->tab_input_bits[i] = (i % 3 == 0);
    }
    map->tab_input_registers[100] = 0x4366;
    map->tab_input_registers[101] = 0x8000;
    return map;
}

static void serve(modbus_t *ctx, modbus_mapping_t *map) {
    uint8_t query[MODBUS_MAX_ADU_LENGTH];
    for (;;) {
        int rc = modbus_receive(ctx, query);
        if (rc > 0) modbus_reply(ctx, query, rc, map);
        else if (rc == -1 && errno != EMBBADCRC && errno != EMBBADDATA) break; /* connection closed */
    }
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s tcp PORT | rtu DEVICE UNIT\n", argv[0]); return 2; }
    setvbuf(stdout, NULL, _IONBF, 0);
    modbus_mapping_t *map = make_mapping();
    if (strcmp(argv[1], "tcp") == 0) {
        modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[2]));
        int listener = modbus_tcp_listen(ctx, 4);
        if (listener < 0) { fprintf(stderr, "listen: %s\n", modbus_strerror(errno)); return 1; }
        printf("ready\n");
        for (;;) {
            int client = modbus_tcp_accept(ctx, &listener);
            if (client < 0) continue;
            serve(ctx, map);
            close(client);
        }
    }
    if (argc < 4) { fprintf(stderr, "usage: %s rtu DEVICE UNIT\n", argv[0]); return 2; }
    modbus_t *ctx = modbus_new_rtu(argv[2], 9600, 'N', 8, 1);
    modbus_set_slave(ctx, atoi(argv[3]));
    if (modbus_connect(ctx) == -1) { fprintf(stderr, "open %s: %s\n", argv[2], modbus_strerror(errno)); return 1; }
    printf("ready\n");
    for (;;) serve(ctx, map);
}
