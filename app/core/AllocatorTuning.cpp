#include "core/AllocatorTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Sitrep::Core {

void AllocatorTuning::apply()
{
#if defined(__GLIBC__)
    // Fixed thresholds (setting them turns off glibc's adaptive ones): blocks up to 32 MB come from the
    // heap rather than fresh mmaps, and up to 256 MB of free heap top stays mapped for the next batch.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

} // namespace Sitrep::Core
