/* tiprecon-main.c — src/main.c with its main() renamed tiprecon_main(), so that the harness
 * fuzz-main.c can run the whole program many times in one process without main.c changing. */
#include "config.h"

int tiprecon_main (int argc, char **argv);

#define main tiprecon_main
#include "main.c"
