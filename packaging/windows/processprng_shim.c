/* bcryptprimitives.dll with the one function Rust's standard library needs: ProcessPrng.
 *
 * cryptography >= 43 (Rust) imports bcryptprimitives.dll!ProcessPrng on Windows. Wine 10 has it;
 * Wine 8 (Debian 12) has no bcryptprimitives.dll at all, so the Windows wheel of cryptography
 * fails to load ("DLL load failed while importing _rust"). prepare.sh builds this file with
 * mingw-w64 and puts it beside python.exe ONLY when the Wine in use lacks ProcessPrng (it checks
 * first). It is test scaffolding for Wine, never shipped: a real Windows has the real DLL.
 *
 * ProcessPrng fills the buffer from the system's CSPRNG: here RtlGenRandom (advapi32's
 * SystemFunction036), which Wine implements over the host's random source. Always TRUE, as on
 * Windows (the real one cannot fail); a failure of RtlGenRandom aborts rather than return weak
 * bytes. */
#include <windows.h>
#include <stdlib.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            abort();
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
