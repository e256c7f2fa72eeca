#ifndef CPEAK_H
#define CPEAK_H
/// Runs `iterations` rounds of independent FMA chains on the widest vectors the CPU has
/// (AVX-512 or AVX2+FMA); returns the floating-point operations done (2 per lane per FMA).
double cpeak_fma_loop(long iterations);
/// The vector width used by cpeak_fma_loop, in floats (16, 8 or 4).
int cpeak_vector_width(void);
#endif
