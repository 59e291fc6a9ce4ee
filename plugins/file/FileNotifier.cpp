#include "FileNotifier.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierResult;

NotifierResult FileNotifier::write(const Sitrep::Comms::NotifierUpdate &u, const QJsonObject &config)
{
    QString dir = config.value(QLatin1String("directory")).toString();
    if (dir.isEmpty())
        dir = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                  .filePath(QStringLiteral("sitrep-updates"));
    const QString format = config.value(QLatin1String("format")).toString(QStringLiteral("markdown"));
    QString text = u.markdown;
    QString ext = QStringLiteral("md");
    if (format == QLatin1String("plain")) {
        text = u.plainText;
        ext = QStringLiteral("txt");
    } else if (format == QLatin1String("slack")) {
        text = u.slack;
        ext = QStringLiteral("txt");
    }
    if (!QDir().mkpath(dir))
        return {NotifierResult::Outcome::Failed,
                0,
                QStringLiteral("cannot create the folder %1 — check the folder in settings").arg(dir),
                {}};
    const QString stamp =
        QDateTime::fromMSecsSinceEpoch(u.createdMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString name = QStringLiteral("%1-%2-%3.%4")
                             .arg(stamp, u.templateName.isEmpty() ? QStringLiteral("update") : u.templateName,
                                  u.updateId.left(8), ext);
    const QString path = QDir(dir).filePath(name);
    // QSaveFile: a crash mid-write never leaves half an update behind.
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8() + '\n') < 0 || !f.commit())
        return {
            NotifierResult::Outcome::Failed,
            0,
            QStringLiteral("cannot write %1: %2 — check the folder in settings").arg(path, f.errorString()),
            {}};
    QString message = QStringLiteral("saved to %1").arg(path);
    if (config.value(QLatin1String("clipboard")).toBool(true) &&
        qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        QGuiApplication::clipboard()->setText(text);
        message += QStringLiteral(" and copied to the clipboard");
    }
    return {NotifierResult::Outcome::Sent, 0, message, path};
}

void FileNotifier::publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                           Callback done)
{
    const NotifierResult r = write(update, config);
    // The contract says "later": callers may still be setting up when publish() returns.
    QTimer::singleShot(0, this, [done, r] { done(r); });
}

} // namespace Sitrep::Plugins
