#include "core/Logging.h"

#include "core/Redactor.h"

#include <QDir>
#include <QMutex>
#include <QMutexLocker>
#include <QStandardPaths>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace Sitrep::Core {

Q_LOGGING_CATEGORY(lcCore, "sitrep.core")

namespace {

// Any thread may log while the main thread installs the log or swaps the redactor (the keychain's
// secrets arrive late): both are read and written under one lock, and the redactor is used through
// a copy of its shared pointer, so a swap never frees one that a logging thread is using.
struct LogState
{
    QMutex mutex;
    QString logFile;
    std::shared_ptr<const Redactor> redactor;
};

LogState &state()
{
    static LogState s;
    return s;
}

std::shared_ptr<const Redactor> currentRedactor()
{
    QMutexLocker lock(&state().mutex);
    return state().redactor;
}

spdlog::level::level_enum levelFor(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::info;
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    const std::shared_ptr<const Redactor> redactor = currentRedactor();
    const QString text = redactor ? redactor->redact(msg) : Redactor::redactPatterns(msg);
    const char *category = context.category ? context.category : "default";
    if (auto logger = spdlog::default_logger())
        logger->log(levelFor(type), "[{}] {}", category, text.toStdString());
    if (type == QtFatalMsg) {
        spdlog::shutdown();
        std::abort();
    }
}

} // namespace

QString Logging::defaultLogDir()
{
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/sitrep");
}

QString Logging::logFilePath()
{
    QMutexLocker lock(&state().mutex);
    return state().logFile;
}

void Logging::install(const QString &logDir, bool toStderr)
{
    std::vector<spdlog::sink_ptr> sinks;
    QString logFile;
    if (QDir().mkpath(logDir)) {
        logFile = logDir + QStringLiteral("/sitrep.log");
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(logFile.toStdString(),
                                                                               5 * 1024 * 1024, 3);
            file->set_level(spdlog::level::debug);
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex &) {
            logFile.clear(); // a read-only home must not stop the program
        }
    }
    {
        QMutexLocker lock(&state().mutex);
        state().logFile = logFile;
    }
    if (toStderr) {
        auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        err->set_level(spdlog::level::info);
        sinks.push_back(err);
    }
    auto logger = std::make_shared<spdlog::logger>("sitrep", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    qInstallMessageHandler(messageHandler);
}

void Logging::setRedactor(std::shared_ptr<const Redactor> redactor)
{
    QMutexLocker lock(&state().mutex);
    state().redactor = std::move(redactor);
}

void Logging::shutdown()
{
    qInstallMessageHandler(nullptr);
    spdlog::shutdown();
}

} // namespace Sitrep::Core
