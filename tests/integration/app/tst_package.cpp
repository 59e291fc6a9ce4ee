#include "support/TestEnv.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Builds the .deb with CPack, unpacks it into a temporary root with dpkg -x and runs the binary from there.
class TstPackage : public QObject
{
    Q_OBJECT
private slots:
    void debInstallsAndRuns();
};

void TstPackage::debInstallsAndRuns()
{
    const QString buildDir = qEnvironmentVariable("SITREP_BUILD_DIR");
    QVERIFY(QFileInfo(buildDir + QStringLiteral("/CPackConfig.cmake")).exists());
    QTemporaryDir out;
    QProcess cpack;
    cpack.setWorkingDirectory(buildDir);
    cpack.setProcessChannelMode(QProcess::MergedChannels);
    cpack.start(QStringLiteral("cpack"),
                {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out.path()});
    QVERIFY(cpack.waitForFinished(300000));
    QVERIFY2(cpack.exitCode() == 0, cpack.readAll().constData());
    const QStringList debs = QDir(out.path()).entryList({QStringLiteral("sitrep_*.deb")});
    QCOMPARE(debs.size(), 1);
    const QString deb = out.filePath(debs.first());

    QTemporaryDir root;
    QCOMPARE(QProcess::execute(QStringLiteral("dpkg"), {QStringLiteral("-x"), deb, root.path()}), 0);
    for (const char *path :
         {"/usr/bin/sitrep", "/usr/share/applications/sitrep.desktop",
          "/usr/share/metainfo/io.sitrep.Sitrep.metainfo.xml",
          "/usr/share/icons/hicolor/scalable/apps/sitrep.svg", "/usr/share/sitrep/themes/dark.qss"})
        QVERIFY2(QFileInfo::exists(root.path() + QLatin1String(path)), path);

    QProcess run;
    run.start(root.path() + QStringLiteral("/usr/bin/sitrep"), {QStringLiteral("--version")});
    QVERIFY(run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(run.readAllStandardOutput()).trimmed(), QStringLiteral("sitrep 0.1.0"));

    // A headless command from the unpacked package works too.
    QTemporaryDir work;
    const QString incident = work.filePath(QStringLiteral("p.sitrep"));
    run.start(root.path() + QStringLiteral("/usr/bin/sitrep"),
              {QStringLiteral("incident"), QStringLiteral("new"), QStringLiteral("--title"),
               QStringLiteral("pkg"), QStringLiteral("-o"), incident});
    QVERIFY(run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);

    QProcess info;
    info.start(QStringLiteral("dpkg-deb"),
               {QStringLiteral("-f"), deb, QStringLiteral("Package"), QStringLiteral("Depends")});
    QVERIFY(info.waitForFinished());
    QVERIFY(info.readAllStandardOutput().contains("libqt6widgets6"));
}

QTEST_GUILESS_MAIN(TstPackage)
#include "tst_package.moc"
