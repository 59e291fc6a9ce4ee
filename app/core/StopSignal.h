#pragma once

#include <QObject>

class QSocketNotifier;

namespace Sitrep::Core {

// While alive, SIGINT and SIGTERM end the running event loop (QCoreApplication::quit) instead of the
// process, so a foreground command (`team serve`, `team sync --follow`, `sim`) can stop its servers cleanly.
class StopSignal final : public QObject
{
    Q_OBJECT
public:
    StopSignal();
    ~StopSignal() override;
    bool isValid() const { return m_notifier != nullptr; }

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Sitrep::Core
