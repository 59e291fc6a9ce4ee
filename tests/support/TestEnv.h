#pragma once

#include <QString>
#include <QStringList>

namespace Sitrep::Test {

// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read, close).
quint16 freePort();
// The sitrep binary under test (from ctest's SITREP_BINARY).
QString sitrepBinary();
// The source tree (SITREP_SOURCE_DIR), for fixtures and ../shared.
QString sourceDir();
// Where tests leave PNGs and other artefacts for a human to look at.
QString outputDir(const QString &testName);
// Full path of a program on PATH or in /usr/sbin, empty when missing.
QString findProgram(const QString &name);
// Settings, data and user folders under `home` (XDG_CONFIG_HOME, XDG_DATA_HOME), the build's notifier
// plugins on SITREP_PLUGIN_DIR, and a QSettings identity of its own: a GUI test that touches nothing of
// the user running it.
void isolateHome(const QString &home, const QString &testName);
// Reads a whole file, failing the current test (QVERIFY-style message) if it cannot.
QByteArray readFixture(const QString &path);
// Writes a whole file (a runbook, a config a test plants); false when it cannot.
bool writeFile(const QString &path, const QByteArray &content);

} // namespace Sitrep::Test
