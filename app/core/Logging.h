#pragma once

#include <QLoggingCategory>
#include <QString>

#include <memory>

namespace Sitrep::Core {

Q_DECLARE_LOGGING_CATEGORY(lcCore)

class Redactor;

// The program's own log: a rotating file under the XDG state dir plus stderr, both through spdlog.
// Qt messages and every logging category are routed into it, redacted on the way.
class Logging final
{
public:
    // Installs the sinks and the Qt message handler. stderrLevel lets headless commands stay quiet.
    static void install(const QString &logDir, bool toStderr = true);
    static void shutdown();
    // Also scrub known secret values (from the keychain), not only secret-shaped text.
    static void setRedactor(std::shared_ptr<const Redactor> redactor);
    // $XDG_STATE_HOME/sitrep (or ~/.local/state/sitrep): where the log file lives.
    static QString defaultLogDir();
    static QString logFilePath();
};

} // namespace Sitrep::Core
