#include "core/Logging.h"

#include "core/Redactor.h"

#include <QDir>
#include <QStandardPaths>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace Sitrep::Core {

Q_LOGGING_CATEGORY(lcCore, "sitrep.core")

namespace {

QString g_logFile;
std::shared_ptr<const Redactor> g_redactor;

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
    const QString text = g_redactor ? g_redactor->redact(msg) : Redactor::redactPatterns(msg);
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
    return g_logFile;
}

void Logging::install(const QString &logDir, bool toStderr)
{
    std::vector<spdlog::sink_ptr> sinks;
    if (QDir().mkpath(logDir)) {
        g_logFile = logDir + QStringLiteral("/sitrep.log");
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_logFile.toStdString(),
                                                                               5 * 1024 * 1024, 3);
            file->set_level(spdlog::level::debug);
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex &) {
            g_logFile.clear(); // a read-only home must not stop the program
        }
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
    g_redactor = std::move(redactor);
}

void Logging::shutdown()
{
    qInstallMessageHandler(nullptr);
    spdlog::shutdown();
}

} // namespace Sitrep::Core
