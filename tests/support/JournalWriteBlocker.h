#pragma once

#include <QFileInfo>
#include <QString>

#include <csignal>
#include <sys/resource.h>

namespace Test {

// Makes every write that would grow the journal's WAL fail, as on a full disk: RLIMIT_FSIZE at the WAL's
// current size (a fresh journal's WAL only grows until its first checkpoint), SIGXFSZ ignored so the
// write returns EFBIG instead of killing the process. Restored when it goes out of scope. The limit
// applies to the whole process: keep the blocked stretch short and write no other files in it.
class JournalWriteBlocker final
{
public:
    explicit JournalWriteBlocker(const QString &journalPath)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_saved;
        const qint64 wal = QFileInfo(journalPath + QStringLiteral("-wal")).size();
        limited.rlim_cur = rlim_t(wal > 0 ? wal : 0);
        m_active = wal > 0 && setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~JournalWriteBlocker()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    JournalWriteBlocker(const JournalWriteBlocker &) = delete;
    JournalWriteBlocker &operator=(const JournalWriteBlocker &) = delete;

    // False when the journal has no WAL yet (nothing written) or the limit could not be set.
    bool isActive() const { return m_active; }

private:
    rlimit m_saved{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_active = false;
};

} // namespace Test
