#pragma once

namespace Sitrep::Core {

// Keeps freed heap memory for reuse instead of handing it back to the kernel. Log streaming passes
// hundreds of MB through short-lived batches on two threads; with glibc's defaults the pages of each
// batch were returned and faulted in again, which was a third of the log ingest time (bench_logs).
// Call once at start, before other threads exist.
class AllocatorTuning final
{
public:
    static void apply();
};

} // namespace Sitrep::Core
