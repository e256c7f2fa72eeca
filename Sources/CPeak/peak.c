// A floating-point peak probe for yolo-bench: 12 independent FMA chains per vector register set, so the loop is
// bound by FMA throughput, not latency. Compiled per ISA with target attributes and chosen at run time.
#include "CPeak.h"
#include <immintrin.h>

__attribute__((target("avx512f")))
static double fma512(long n) {
    __m512 a[12];
    const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
    for (int i = 0; i < 12; i++) a[i] = _mm512_set1_ps((float)i);
    for (long k = 0; k < n; k++) {
        for (int i = 0; i < 12; i++) a[i] = _mm512_fmadd_ps(a[i], x, y);
    }
    __m512 s = a[0];
    for (int i = 1; i < 12; i++) s = _mm512_add_ps(s, a[i]);
    volatile float sink = _mm512_reduce_add_ps(s);
    (void)sink;
    return (double)n * 12.0 * 16.0 * 2.0;
}

__attribute__((target("avx2,fma")))
static double fma256(long n) {
    __m256 a[12];
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (int i = 0; i < 12; i++) a[i] = _mm256_set1_ps((float)i);
    for (long k = 0; k < n; k++) {
        for (int i = 0; i < 12; i++) a[i] = _mm256_fmadd_ps(a[i], x, y);
    }
    float out[8];
    __m256 s = a[0];
    for (int i = 1; i < 12; i++) s = _mm256_add_ps(s, a[i]);
    _mm256_storeu_ps(out, s);
    volatile float sink = out[0];
    (void)sink;
    return (double)n * 12.0 * 8.0 * 2.0;
}

int cpeak_vector_width(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 16;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 8;
    return 4;
}

double cpeak_fma_loop(long iterations) {
    switch (cpeak_vector_width()) {
    case 16: return fma512(iterations);
    case 8: return fma256(iterations);
    default: {
        volatile float a = 1.0f;
        for (long k = 0; k < iterations * 12; k++) a = a * 0.999999f + 1e-7f;
        return (double)iterations * 12.0 * 2.0;
    }
    }
}
