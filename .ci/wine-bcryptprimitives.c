/* A stand-in for Windows' bcryptprimitives.dll, for the Wine smoke test only: Rust's standard
 * library (1.78 and later) imports ProcessPrng from it, Windows 10 and later always have it,
 * but the Wine 8.0 of Debian bookworm does not, so gimlint.exe would not start. This one
 * draws from RtlGenRandom, which Wine does provide. It is never shipped. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        /* RtlGenRandom takes a 32-bit length. */
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
