/* render.h — the output formats. Each renderer writes one whole document to a stream.
 *
 * Renderers only read what they are given; they never fail on their own (the stream is a
 * memory buffer, written out by main.c in one piece). */
#pragma once

#include <stdio.h>

#include "dataset.h"

/* Every observation as long CSV with the header
 * source,country,year,measure,value,qualifier,missing_reason,file,line,column.
 * A published total has the country "TOTAL". A value summed from several cells gives the
 * provenance of the first and lists the others in the same cell, separated by ';'. */
void tr_render_tidy (const TrDataset *dataset, FILE *out);
