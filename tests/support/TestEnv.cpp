#include "support/TestEnv.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

namespace Sitrep::Test {

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot bind a free port on 127.0.0.1");
    return s.serverPort();
}

QString sitrepBinary()
{
    return qEnvironmentVariable("SITREP_BINARY");
}

void isolateHome(const QString &home, const QString &testName)
{
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/data")).toUtf8());
    qputenv("SITREP_PLUGIN_DIR",
            QDir::cleanPath(QFileInfo(sitrepBinary()).dir().filePath(QStringLiteral("../plugins"))).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep-test"));
    QCoreApplication::setApplicationName(testName);
}

QString sourceDir()
{
    const QString d = qEnvironmentVariable("SITREP_SOURCE_DIR");
    return d.isEmpty() ? QStringLiteral(".") : d;
}

QString outputDir(const QString &testName)
{
    QString base = qEnvironmentVariable("SITREP_TEST_OUTPUT");
    if (base.isEmpty())
        base = QDir::tempPath() + QStringLiteral("/sitrep-test-output");
    const QString dir = base + QLatin1Char('/') + testName;
    QDir().mkpath(dir);
    return dir;
}

QString findProgram(const QString &name)
{
    QString p = QStandardPaths::findExecutable(name);
    if (p.isEmpty())
        p = QStandardPaths::findExecutable(name,
                                           {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                            QStringLiteral("/usr/local/bin"), QStringLiteral("/usr/bin")});
    return p;
}

QByteArray readFixture(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("fixture %s cannot be opened: %s", qPrintable(path), qPrintable(f.errorString()));
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace Sitrep::Test
