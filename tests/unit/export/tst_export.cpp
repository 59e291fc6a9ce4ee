#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "export/CsvWriter.h"
#include "export/Exporter.h"
#include "export/JsonWriter.h"
#include "support/TestEnv.h"

#include <QBuffer>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Export;

namespace {
// Secrets planted straight into the SQLite file, bypassing the journal's own redaction, as an old or
// hand-edited journal could hold them: every export must still scrub them.
const QStringList kPlanted = {QStringLiteral("hunter2hunter2"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                              QStringLiteral("sk_live_4f9a8b7c6d5e4f3a2b1c"),
                              QStringLiteral("UzNjcjN0UDRzcw")};
} // namespace

class TstExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void markdownHasTheSections();
    void htmlIsSelfContained();
    void htmlEscapesWhatResponderswrote();
    void jsonRoundTrips();
    void csvQuotes();
    void pdfPagesRender();
    void pinnedOnly();
    void noSecretSurvivesAnyFormat_data();
    void noSecretSurvivesAnyFormat();
    void cliExports();
    void badInput();

private:
    QByteArray exportBytes(Format f, const ExportOptions &o = {});
    QTemporaryDir m_dir;
    QString m_path;
    QList<TimelineEvent> m_events;
    Redactor m_redactor;
};

void TstExport::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("pm.sitrep"));
    Journal journal;
    QVERIFY(journal.open(m_path).ok());
    ManualClock clock(QDateTime(QDate(2026, 11, 23), QTime(9, 50), Qt::UTC));
    IncidentSession s(journal, clock, QStringLiteral("alice"));
    QVERIFY(s.declare({QStringLiteral("Checkout returns 502"), QStringLiteral("api-gateway"),
                       QStringLiteral("P1"), SeverityScheme::defaults(), clock.now().addSecs(-600),
                       QStringLiteral("alice")})
                .ok());
    clock.advanceSecs(60);
    QVERIFY(s.setMilestone(Milestone::Detected, clock.now().addSecs(-300)).ok());
    QVERIFY(s.setMilestone(Milestone::Acknowledged, clock.now()).ok());
    QVERIFY(s.record(EventKind::Alert, QStringLiteral("FIRING ApiGatewayErrorBudgetBurn")).ok());
    clock.advanceSecs(120);
    QVERIFY(s.record(EventKind::CommandRun, QStringLiteral("kubectl get pods -n demo"),
                     {{QStringLiteral("command"), QStringLiteral("kubectl get pods -n demo | grep api")},
                      {QStringLiteral("exitCode"), 0},
                      {QStringLiteral("durationMs"), 420}})
                .ok());
    QVERIFY(s.record(EventKind::UpdatePublished, QStringLiteral("Update 1 sent to #incidents")).ok());
    // A small chart PNG, as the charts pane would snapshot it.
    QImage img(200, 80, QImage::Format_RGB32);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        p.setPen(QPen(Qt::red, 3));
        p.drawLine(0, 70, 200, 10);
    }
    QByteArray png;
    QBuffer buf(&png);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    QVERIFY(s.record(EventKind::ChartSnapshot, QStringLiteral("5xx ratio"),
                     {{QStringLiteral("png"), QString::fromLatin1(png.toBase64())},
                      {QStringLiteral("query"),
                       QStringLiteral("sum(rate(http_requests_total{code=~\"5..\"}[5m]))")}})
                .ok());
    auto excerpt = s.record(
        EventKind::LogExcerpt, QStringLiteral("api-gateway-7d9f: FATAL"),
        {{QStringLiteral("lines"), QJsonArray{QStringLiteral("FATAL: no pg_hba.conf entry for host")}}},
        true);
    QVERIFY(excerpt.ok());
    clock.advanceSecs(600);
    QVERIFY(s.setSeverity(QStringLiteral("P0"), QStringLiteral("all regions")).ok());
    QVERIFY(s.record(EventKind::Action, QStringLiteral("rollout undo deployment/api-gateway"),
                     {{QStringLiteral("outcome"), QStringLiteral("200 OK, revision 3")}})
                .ok());
    QVERIFY(s.setField(QStringLiteral("root-cause"),
                       QStringLiteral("v2 used a database user missing from pg_hba.conf"))
                .ok());
    QVERIFY(s.setField(QStringLiteral("resolution"), QStringLiteral("Rolled back to v1")).ok());
    QVERIFY(
        s.record(EventKind::FieldChange, QStringLiteral("Action item: add pg_hba check to CI"),
                 {{QStringLiteral("field"), QStringLiteral("action-item")},
                  {QStringLiteral("value"), QStringLiteral("Add a pg_hba.conf check to the deploy pipeline")},
                  {QStringLiteral("owner"), QStringLiteral("bob")},
                  {QStringLiteral("due"), QStringLiteral("2026-12-01")}})
            .ok());
    clock.advanceSecs(300);
    QVERIFY(s.setStatus(Status::Resolved).ok());
    journal.close();

    // Plant secrets behind the journal's back.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plant"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(
            QStringLiteral(
                "INSERT INTO events(ts_ms, kind, author, summary, payload) VALUES(%1, 'note', 'mallory', "
                "'psql postgres://app:hunter2hunter2@db/orders; aws AKIAIOSFODNN7EXAMPLE', "
                "'{\"output\":\"Authorization: Bearer sk_live_4f9a8b7c6d5e4f3a2b1c\",\"secret\":"
                "\"apiVersion: v1\\nkind: Secret\\ndata:\\n  pw: UzNjcjN0UDRzcw==\\n\"}')")
                .arg(clock.nowMs() - 1000)));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plant"));
    Journal reopened;
    QVERIFY(reopened.open(m_path, Journal::Mode::ReadOnly).ok());
    m_events = reopened.events();
    QCOMPARE(m_events.size(), 18);
}

QByteArray TstExport::exportBytes(Format f, const ExportOptions &o)
{
    const QString out = m_dir.filePath(QStringLiteral("out.") + Exporter::extension(f));
    const auto r = Exporter::write(m_events, f, o, out, m_redactor);
    if (!r)
        qWarning("%s", qPrintable(r.error().text()));
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TstExport::markdownHasTheSections()
{
    const QString md = QString::fromUtf8(exportBytes(Format::Markdown));
    for (const char *section :
         {"# Postmortem: Checkout returns 502", "## Summary", "## Impact", "## Detection and response",
          "## Timeline", "### 2026-11-23", "## What was done", "## Root cause", "## Resolution",
          "## Contributing factors", "## Action items", "## Lessons learned", "## Evidence"})
        QVERIFY2(md.contains(QLatin1String(section)), section);
    QVERIFY(md.contains(QLatin1String("| Time to detect (MTTD) | 6m 00s |")));
    QVERIFY(md.contains(QLatin1String("| Time to acknowledge (MTTA) | 5m 00s |")));
    QVERIFY(md.contains(QLatin1String("| Time to resolve (MTTR) | 28m 00s |")));
    QVERIFY(md.contains(QLatin1String("| Time to first update | 13m 00s |")));
    QVERIFY(md.contains(QLatin1String("- Time at P0: 5m 00s")));
    QVERIFY(md.contains(QLatin1String("- Time at P1: 23m 00s")));
    QVERIFY(md.contains(QLatin1String("`kubectl get pods -n demo \\| grep api` | exit 0 in 0.4 s |")));
    QVERIFY(md.contains(
        QLatin1String("| Add a pg_hba.conf check to the deploy pipeline | bob | 2026-12-01 | open |")));
    QVERIFY(md.contains(QLatin1String("FATAL: no pg_hba.conf entry for host")));
    QVERIFY(md.contains(QLatin1String("![5xx ratio](data:image/png;base64,")));
}

void TstExport::htmlEscapesWhatResponderswrote()
{
    // Responders paste log lines and HTML error pages: the report shows them as text, never as markup.
    QList<TimelineEvent> events = m_events;
    events << makeEvent(EventKind::Note, events.last().tsMs + 1000, QStringLiteral("<b>mallory</b>"),
                        QStringLiteral("<script>alert('x')</script> & <img src=x onerror=alert(1)>"));
    events << makeEvent(EventKind::LogExcerpt, events.last().tsMs + 1000, QStringLiteral("bob"),
                        QStringLiteral("nginx said <html><body>502 Bad Gateway</body></html>"),
                        {{QStringLiteral("lines"), QJsonArray{QStringLiteral("<h1>502</h1> \"quoted\"")}}});
    const QString out = m_dir.filePath(QStringLiteral("escaped.html"));
    QVERIFY(Exporter::write(events, Format::Html, {}, out, m_redactor).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    QVERIFY(!html.contains(QLatin1String("<script>alert")));
    QVERIFY(!html.contains(QLatin1String("<img src=x")));
    QVERIFY(!html.contains(QLatin1String("<b>mallory")));
    QVERIFY(!html.contains(QLatin1String("<h1>502")));
    QVERIFY2(html.contains(QLatin1String("&lt;script&gt;alert(")), "the note's text is shown, escaped");
    QVERIFY(html.contains(QLatin1String("&lt;b&gt;mallory&lt;/b&gt;")));
    QVERIFY(html.contains(QLatin1String("&amp; &lt;img src=x")));
    QVERIFY(html.contains(QLatin1String("&lt;html&gt;&lt;body&gt;502 Bad Gateway")));
}

void TstExport::htmlIsSelfContained()
{
    const QString html = QString::fromUtf8(exportBytes(Format::Html));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(html.contains(QLatin1String("<img src=\"data:image/png;base64,")));
    QVERIFY(!html.contains(QLatin1String("src=\"http")));
    QVERIFY(!html.contains(QLatin1String("<link")));
    QVERIFY(html.contains(QLatin1String("Rolled back to v1")));
}

void TstExport::jsonRoundTrips()
{
    const QByteArray json = exportBytes(Format::Json);
    const auto events = JsonWriter::read(json);
    QVERIFY(events.ok());
    QCOMPARE(events->size(), m_events.size());
    // Writing what was read gives the same bytes: stable and lossless.
    const Postmortem again = Postmortem::build(*events, {});
    QCOMPARE(JsonWriter::write(again), json);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QLatin1String("schema")).toString(), QStringLiteral("sitrep.incident/v1"));
    QCOMPARE(
        root.value(QLatin1String("metrics")).toObject().value(QLatin1String("timeToResolveSeconds")).toInt(),
        1680);
    QVERIFY(!JsonWriter::read(QByteArrayLiteral("{\"schema\":\"other\"}")).ok());
    QVERIFY(
        JsonWriter::read(QByteArrayLiteral("{ nope")).error().message.contains(QLatin1String("not JSON")));
}

void TstExport::csvQuotes()
{
    QCOMPARE(CsvWriter::quote(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(CsvWriter::quote(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(CsvWriter::quote(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(CsvWriter::quote(QStringLiteral("=cmd()")), QStringLiteral("\"'=cmd()\""));
    const QString csv = QString::fromUtf8(exportBytes(Format::Csv));
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("id,time,kind,author,summary,pinned"));
    QCOMPARE(lines.size(), m_events.size() + 1);
}

void TstExport::pdfPagesRender()
{
    const QByteArray pdf = exportBytes(Format::Pdf);
    QVERIFY(pdf.startsWith("%PDF"));
    const QString pdftoppm = Sitrep::Test::findProgram(QStringLiteral("pdftoppm"));
    QVERIFY2(!pdftoppm.isEmpty(),
             "pdftoppm (poppler-utils) is needed: packaging/install-deps.sh installs it");
    const QString prefix = m_dir.filePath(QStringLiteral("page"));
    QCOMPARE(QProcess::execute(pdftoppm, {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"),
                                          m_dir.filePath(QStringLiteral("out.pdf")), prefix}),
             0);
    const QStringList pages =
        QDir(m_dir.path()).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
    QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
    for (const QString &p : pages) {
        const QImage img(m_dir.filePath(p));
        QVERIFY(!img.isNull());
        int dark = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2)
                dark += qGray(img.pixel(x, y)) < 128;
        QVERIFY2(dark > 50, qPrintable(p + QStringLiteral(" looks blank")));
    }
    const QString keep =
        Sitrep::Test::outputDir(QStringLiteral("export")) + QStringLiteral("/pdf-page-1.png");
    QFile::remove(keep);
    QFile::copy(m_dir.filePath(pages.first()), keep);
    const QString pdftotext = Sitrep::Test::findProgram(QStringLiteral("pdftotext"));
    QProcess t;
    t.start(pdftotext, {m_dir.filePath(QStringLiteral("out.pdf")), QStringLiteral("-")});
    QVERIFY(t.waitForFinished());
    const QString text = QString::fromUtf8(t.readAllStandardOutput());
    QVERIFY(text.contains(QStringLiteral("page 1 of %1").arg(pages.size())));
    QVERIFY(text.contains(QLatin1String("Detection and response")));
}

void TstExport::pinnedOnly()
{
    ExportOptions o;
    o.pinnedOnly = true;
    const QString csv = QString::fromUtf8(exportBytes(Format::Csv, o));
    QCOMPARE(csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size(), 2);
    QVERIFY(csv.contains(QLatin1String("api-gateway-7d9f: FATAL")));
}

void TstExport::noSecretSurvivesAnyFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("md") << int(Format::Markdown);
    QTest::newRow("html") << int(Format::Html);
    QTest::newRow("json") << int(Format::Json);
    QTest::newRow("csv") << int(Format::Csv);
    QTest::newRow("pdf") << int(Format::Pdf);
}

void TstExport::noSecretSurvivesAnyFormat()
{
    QFETCH(int, format);
    QByteArray bytes = exportBytes(Format(format));
    QVERIFY(!bytes.isEmpty());
    if (Format(format) == Format::Pdf) {
        QProcess t;
        t.start(Sitrep::Test::findProgram(QStringLiteral("pdftotext")),
                {m_dir.filePath(QStringLiteral("out.pdf")), QStringLiteral("-")});
        QVERIFY(t.waitForFinished());
        bytes = t.readAllStandardOutput();
        QVERIFY(bytes.contains("mallory")); // the planted event is there, only scrubbed
    } else {
        QVERIFY(bytes.contains("mallory"));
    }
    for (const QString &secret : kPlanted)
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(secret));
}

void TstExport::cliExports()
{
    const QString out = m_dir.filePath(QStringLiteral("cli.pdf"));
    QProcess p;
    p.start(Sitrep::Test::sitrepBinary(), {QStringLiteral("export"), m_path, QStringLiteral("--format"),
                                           QStringLiteral("pdf"), QStringLiteral("-o"), out});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QVERIFY(QFileInfo(out).size() > 1000);
    p.start(Sitrep::Test::sitrepBinary(),
            {QStringLiteral("export"), m_path, QStringLiteral("--format"), QStringLiteral("docx")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("unknown export format \"docx\""));
}

void TstExport::badInput()
{
    QVERIFY(!Exporter::parseFormat(QStringLiteral("doc")).ok());
    const auto r =
        Exporter::write({}, Format::Markdown, {}, m_dir.filePath(QStringLiteral("x.md")), m_redactor);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QLatin1String("no declared incident")));
    const auto w =
        Exporter::write(m_events, Format::Markdown, {}, QStringLiteral("/proc/nope/x.md"), m_redactor);
    QVERIFY(!w.ok());
    QCOMPARE(w.error().where, QStringLiteral("/proc/nope/x.md"));
}

QTEST_MAIN(TstExport)
#include "tst_export.moc"
