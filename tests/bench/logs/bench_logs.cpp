// Live logs benchmark: parse and ingest throughput, the merge across 30 pods, the kubectl comparison,
// memory of a full buffer, and the worst GUI event-loop stall while lines stream into the pane with a
// regex filter (pushed straight in, and from 30 live streams of the simulated cluster).
// Prints `BENCH <name> <value> <unit>` lines; asserts nothing about speed. A phase whose setup or run
// fails says why and the benchmark exits non-zero: no figure is printed as 0 or left out silently.
#include "BenchLiveSource.h"
#include "BenchSimSource.h"
#include "LogModel.h"
#include "LogsPane.h"
#include "support/TestEnv.h"

#include "core/AllocatorTuning.h"

#include "logs/LineAnalyzer.h"
#include "logs/LineSplitter.h"
#include "logs/LogMerger.h"
#include "logs/LogSession.h"
#include "logs/LogTimestamp.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>

using namespace Sitrep::Logs;

namespace {

int g_failures = 0;

// zeroIsValid: a stall of 0 ms is a result; a throughput of 0 is a failure.
void bench(const char *name, double value, const char *unit, bool zeroIsValid = false)
{
    if (!(value > 0) && !(zeroIsValid && value == 0)) {
        std::printf("# %s: no figure (%.2f): see above\n", name, value);
        ++g_failures;
        return;
    }
    std::printf("BENCH %s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

void fail(const QByteArray &why)
{
    std::fprintf(stderr, "bench_logs: %s\n", why.constData());
    std::printf("# FAILED: %s\n", why.constData());
    std::fflush(stdout);
    ++g_failures;
}

// Times every event delivery so that the benchmark can say what the worst stall was made of.
class TimingApp final : public QApplication
{
public:
    using QApplication::QApplication;
    bool recording = false;
    qint64 worstNs = 0;
    QByteArray worstWhat;

    bool notify(QObject *receiver, QEvent *e) override
    {
        // notify() runs for every thread's events: only the GUI thread's can stall the window.
        if (!recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, e);
        QElapsedTimer t;
        t.start();
        const int type = e->type();
        const bool r = QApplication::notify(receiver, e);
        const qint64 ns = t.nsecsElapsed();
        if (ns > worstNs) {
            worstNs = ns;
            worstWhat =
                QByteArray(receiver->metaObject()->className()) + " event " + QByteArray::number(type);
        }
        return r;
    }
};

TimingApp *g_app = nullptr;

void setRecording(bool on)
{
    g_app->recording = on;
}

QByteArray worstEvent()
{
    return g_app->worstWhat + " took " + QByteArray::number(double(g_app->worstNs) / 1e6) + " ms";
}

double threadCpuS()
{
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    // A real event loop that sleeps between events: a busy processEvents() loop would steal the
    // CPU from what is being measured.
    QElapsedTimer t;
    t.start();
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start();
    if (!done())
        loop.exec();
    return done();
}

const char *const kPlain[] = {
    "GET /api/v2/orders/%1 200 12ms upstream=checkout-7f9c4 bytes=5123 user_agent=Mozilla/5.0 (X11; Linux "
    "x86_64)",
    "WARN slow query on orders table took 1204ms rows=%1 plan=seqscan db=orders-primary conn=pool-3 retry=0",
    "ERROR upstream connect error or disconnect/reset before headers. reset reason: connection failure id=%1",
    "I1123 07:00:00.000000       1 reflector.go:255] Listing and watching *v1.Pod from pkg/informers id=%1",
};
const char *const kJson[] = {
    R"({"level":"info","ts":"2026-11-23T07:00:00Z","msg":"order placed","order":%1,"user":"u-17","ms":12})",
    R"({"level":"error","ts":"2026-11-23T07:00:00Z","msg":"payment failed","order":%1,"reason":"declined"})",
};

// Line i: 60% plain, 40% JSON, ~120 bytes.
QByteArray lineText(int i)
{
    const int r = i % 10;
    return QByteArray(r < 6 ? kPlain[r % 4] : kJson[r % 2]).replace("%1", QByteArray::number(i));
}

// The same lines after a 31-byte RFC 3339 nano timestamp, as a stream body (the parse benchmark).
QByteArray makeBody(int lines, qint64 t0)
{
    QByteArray body;
    body.reserve(qsizetype(lines) * 152);
    for (int i = 0; i < lines; ++i) {
        body += LogTimestamp::format(t0 + qint64(i) * 1000);
        body += ' ';
        body += lineText(i);
        body += '\n';
    }
    return body;
}

std::vector<LogLine> makeLines(int count, quint16 sources, qint64 t0, int from)
{
    std::vector<LogLine> v;
    v.reserve(size_t(count));
    for (int i = from; i < from + count; ++i) {
        LogLine l;
        l.tsNs = t0 + qint64(i) * 1000;
        l.source = quint16(i % sources);
        l.text = lineText(i);
        l.level = LineAnalyzer::detect(l.text, &l.flags);
        v.push_back(std::move(l));
    }
    return v;
}

void benchRss()
{
    const double before = rssMb();
    {
        LogSession session;
        session.setCapacity(1000000);
        Sitrep::Ui::LogModel model(&session);
        for (int i = 0; i < 20; ++i)
            session.registerSource(
                {QStringLiteral("demo"), QStringLiteral("pod-%1").arg(i), QStringLiteral("app"), false});
        for (int done = 0; done < 1000000; done += 20000) {
            session.push(0, makeLines(20000, 20, 0, done));
            model.flushAll();
        }
        const double after = rssMb();
        bench("logs_rss_mb_1m_lines", after, "MB");
        bench("logs_rss_delta_mb_1m_lines", after - before, "MB");
        bench("logs_buffer_mb_1m_lines", double(session.buffer().memoryBytes()) / 1048576.0, "MB");
        std::printf("# rows in model: %d, buffer lines: %lld\n", model.rowCount(),
                    static_cast<long long>(session.buffer().size()));
    }
}

void benchParse(const QByteArray &body, int lines)
{
    // The CPU path alone: split, timestamp, severity, merge, buffer.
    LogBuffer buffer(lines);
    LogMerger merger;
    merger.setOutput([&](const LogMerger::Merged &out) {
        for (const auto &[b, i] : out) {
            const LogBatch::Ref &r = b->lines[i];
            buffer.append(r.tsNs, r.source, r.level, r.flags, b->text(i));
        }
    });
    LineSplitter splitter;
    QElapsedTimer t;
    t.start();
    const qsizetype piece = 64 * 1024;
    for (qsizetype off = 0; off < body.size(); off += piece) {
        auto batch = std::make_shared<LogBatch>();
        batch->bytes.reserve(piece);
        splitter.feed(QByteArrayView(body).sliced(off, qMin(piece, body.size() - off)),
                      [&](QByteArrayView line, qsizetype) {
                          QByteArrayView text = line;
                          quint8 flags = 0;
                          const qint64 ts = LogTimestamp::splitPrefix(line, &text).value_or(0);
                          const LogLevel level = LineAnalyzer::detect(text, &flags);
                          batch->add(ts, 0, level, flags, text);
                      });
        merger.push(0, std::move(batch));
        merger.flushAll();
    }
    const double s = double(t.nsecsElapsed()) / 1e9;
    bench("logs_parse_lines_per_s", double(buffer.size()) / s, "lines/s");
    bench("logs_parse_mb_per_s", double(body.size()) / 1048576.0 / s, "MB/s");
}

// One run of Sitrep's ingest: bytes from the simulator's pods/log through splitting, parsing and
// merging into the model. The clock runs from the request being made to the last line in the model.
// Lines per second, 0 when it did not finish.
double ingestOnce(quint16 port, int lines, bool report)
{
    LogSession session;
    session.setCapacity(lines);
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(QStringLiteral("127.0.0.1"));
    base.setPort(port);
    session.setConnection(base, {});
    Sitrep::Ui::LogModel model(&session);
    QElapsedTimer t;
    t.start();
    const double cpu0 = threadCpuS();
    session.setTargets(
        {{QStringLiteral("default"), QStringLiteral("bench-0"), QStringLiteral("app"), false}});
    const bool ok = waitUntil([&] { return model.rowCount() >= lines; }, 300000);
    const double s = double(t.nsecsElapsed()) / 1e9;
    session.stopAll();
    if (report)
        std::printf("# ingest: %.2f s wall, %.2f s on the GUI thread\n", s, threadCpuS() - cpu0);
    if (!ok) {
        std::printf("# ingest timed out: %d of %d rows\n", model.rowCount(), lines);
        return 0;
    }
    return double(lines) / s;
}

// One run of `kubectl logs -f --timestamps` on the same pod (the body Sitrep asks for too). Its stdout
// is read here and its lines counted, not assumed: the clock runs from the process start (discovery
// included, as a responder would run it) to the last line read, the same boundaries as ingestOnce.
// Lines per second, 0 when kubectl failed or printed fewer lines than the pod holds.
double kubectlOnce(const QString &kubectl, const QString &kubeconfig, const QString &cacheDir, int lines)
{
    QProcess p;
    qint64 counted = 0;
    qint64 lastLineNs = 0;
    QElapsedTimer t;
    QObject::connect(&p, &QProcess::readyReadStandardOutput, [&] {
        const QByteArray chunk = p.readAllStandardOutput();
        const qint64 n = chunk.count('\n');
        if (n > 0) {
            counted += n;
            lastLineNs = t.nsecsElapsed();
        }
    });
    t.start();
    p.start(kubectl, {QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--cache-dir"), cacheDir,
                      QStringLiteral("logs"), QStringLiteral("-f"), QStringLiteral("--timestamps"),
                      QStringLiteral("-n"), QStringLiteral("default"), QStringLiteral("bench-0"),
                      QStringLiteral("-c"), QStringLiteral("app")});
    const bool ended = waitUntil([&] { return p.state() == QProcess::NotRunning; }, 300000);
    if (!ended || p.exitCode() != 0) {
        std::printf("# kubectl failed (exit %d): %s\n", p.exitCode(), p.readAllStandardError().constData());
        return 0;
    }
    counted += p.readAllStandardOutput().count('\n');
    if (counted != lines) {
        std::printf("# kubectl printed %lld lines, the pod holds %d\n", static_cast<long long>(counted),
                    lines);
        return 0;
    }
    return double(lines) / (double(lastLineNs) / 1e9);
}

QString writeKubeconfig(const QTemporaryDir &dir, quint16 port)
{
    const QString cfg = dir.filePath(QStringLiteral("kubeconfig"));
    QFile f(cfg);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: http://127.0.0.1:" +
        QByteArray::number(port) +
        "\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\n    namespace: "
        "default\n"
        "current-context: bench\nusers:\n- name: bench\n  user: {}\n");
    return cfg;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// Sitrep and kubectl take turns on the same stream, round after round. The headline is the median of
// the per-round ratios (each pair ran under the same conditions); the best-of figures are printed too.
void benchIngestVsKubectl(quint16 port, int lines, qint64 bytes, int rounds)
{
    const QString kubectl = Sitrep::Test::findProgram(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        return fail(
            "kubectl is not on PATH: the comparison needs the real one (install the kubectl package)");
    QTemporaryDir dir;
    const QString kubeconfig = writeKubeconfig(dir, port);
    const QString cache = dir.filePath(QStringLiteral("cache"));
    QList<double> ours, theirs, ratios;
    for (int r = 0; r < rounds; ++r) {
        const double o = ingestOnce(port, lines, r == 0);
        const double k = kubectlOnce(kubectl, kubeconfig, cache, lines);
        std::printf("# round %d: sitrep %.0f lines/s, kubectl %.0f lines/s, ratio %.2f\n", r + 1, o, k,
                    k > 0 ? o / k : 0.0);
        std::fflush(stdout);
        if (o <= 0 || k <= 0)
            return fail(QByteArray("round ") + QByteArray::number(r + 1) + " did not finish: see above");
        ours << o;
        theirs << k;
        ratios << o / k;
    }
    const double best = *std::max_element(ours.begin(), ours.end());
    const double bestKubectl = *std::max_element(theirs.begin(), theirs.end());
    bench("logs_ingest_lines_per_s", best, "lines/s");
    bench("logs_ingest_mb_per_s", best * (double(bytes) / lines) / 1048576.0, "MB/s");
    bench("logs_ingest_median_lines_per_s", median(ours), "lines/s");
    bench("logs_kubectl_lines_per_s", bestKubectl, "lines/s");
    bench("logs_kubectl_median_lines_per_s", median(theirs), "lines/s");
    bench("logs_vs_kubectl_ratio", median(ratios), "x");
    bench("logs_vs_kubectl_ratio_best", best / bestKubectl, "x");
}

// The merge across pods on its own: 30 live streams whose lines interleave in time, read in batches
// that arrive out of order within the reorder window (a slow pod's batch comes one round late), merged
// into one ordered flow and stored in the ring buffer, as the session does. The output must hold every
// line in timestamp order, else this phase fails.
void benchMerge30Pods(int totalLines)
{
    constexpr int kPods = 30;
    constexpr int kBatch = 64; // lines per read, per pod
    const qint64 t0 = 1763881200LL * 1000000000LL;
    const int rounds = totalLines / (kPods * kBatch);
    // Built before the clock starts: what is measured is the merge, not the line generator.
    std::vector<std::vector<LogBatchPtr>> batches{size_t(rounds), std::vector<LogBatchPtr>(size_t(kPods))};
    for (int r = 0; r < rounds; ++r) {
        for (int p = 0; p < kPods; ++p) {
            auto b = std::make_shared<LogBatch>();
            b->bytes.reserve(kBatch * 130);
            for (int i = 0; i < kBatch; ++i) {
                const int n = (r * kBatch + i) * kPods + p;
                // Interleaved: pod p's i-th line of round r sits between the other pods' lines.
                const qint64 ts = t0 + qint64(n) * 1000 + (p * 37) % 1000;
                const QByteArray text = lineText(n);
                quint8 flags = 0;
                b->add(ts, quint16(p), LineAnalyzer::detect(text, &flags), flags, text);
            }
            batches[size_t(r)][size_t(p)] = std::move(b);
        }
    }
    LogMerger merger;
    merger.setWindowMs(2000);
    for (int p = 0; p < kPods; ++p)
        merger.setSourceLive(quint16(p), true);
    qint64 released = 0;
    qint64 lastTs = 0;
    bool ordered = true;
    LogBuffer buffer(qMax(1, rounds * kPods * kBatch));
    const LogMerger::Output out = [&](const LogMerger::Merged &lines) {
        for (const auto &[b, i] : lines) {
            const LogBatch::Ref &r = b->lines[i];
            ordered = ordered && r.tsNs >= lastTs;
            lastTs = r.tsNs;
            buffer.append(r.tsNs, r.source, r.level, r.flags, b->text(i));
        }
        released += qint64(lines.size());
    };
    QElapsedTimer t;
    t.start();
    for (int r = 0; r < rounds; ++r) {
        // Pods answer in a different order each round; every seventh pod's batch comes a round late
        // (each pod's own batches stay in order, as one stream's reads do).
        for (int k = 0; k < kPods; ++k) {
            const int p = (k * 7 + r * 11) % kPods;
            if (p % 7 != 3)
                merger.push(quint16(p), batches[size_t(r)][size_t(p)]);
        }
        if (r > 0) {
            for (int p = 3; p < kPods; p += 7)
                merger.push(quint16(p), batches[size_t(r - 1)][size_t(p)]);
        }
        merger.drain(0, false, out);
    }
    for (int p = 3; p < kPods; p += 7)
        merger.push(quint16(p), batches[size_t(rounds - 1)][size_t(p)]);
    merger.drain(0, true, out);
    const double s = double(t.nsecsElapsed()) / 1e9;
    const qint64 expected = qint64(rounds) * kPods * kBatch;
    if (released != expected || buffer.size() != expected || !ordered || merger.lateLines() != 0)
        return fail(QByteArray("merge: ") + QByteArray::number(released) + " of " +
                    QByteArray::number(expected) + " lines released, " +
                    (ordered ? "in order" : "OUT OF ORDER") + ", " + QByteArray::number(merger.lateLines()) +
                    " late");
    bench("logs_merge_30_pods_lines_per_s", double(released) / s, "lines/s");
}

// A precise 5 ms timer on the GUI thread: the longest gap between its ticks, less 5 ms, is the worst stall.
class StallProbe final
{
public:
    explicit StallProbe(const QElapsedTimer &clock)
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this, &clock] {
            const qint64 now = clock.elapsed();
            if (m_last > 0)
                m_worst = qMax(m_worst, now - m_last - 5);
            m_last = now;
        });
    }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    qint64 worstMs() const { return m_worst; }

private:
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Measures how long the view's paint events take (the usual suspect for a stall).
class PaintTimer final : public QObject
{
public:
    qint64 worstMs = 0;
    int paints = 0;

protected:
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() != QEvent::Paint)
            return false;
        QElapsedTimer t;
        t.start();
        // Deliver now, then time it; returning true stops the second delivery.
        o->removeEventFilter(this);
        QCoreApplication::sendEvent(o, e);
        o->installEventFilter(this);
        worstMs = qMax(worstMs, t.elapsed());
        ++paints;
        return true;
    }
};

void benchGuiStall()
{
    LogSession session;
    QList<quint16> ids;
    for (int i = 0; i < 30; ++i)
        ids.append(session.registerSource({QStringLiteral("demo"), QStringLiteral("checkout-7f9c4-%1").arg(i),
                                           QStringLiteral("app"), false}));
    Sitrep::Ui::LogsPane pane(&session);
    pane.resize(1400, 800);
    pane.show();
    PaintTimer paintTimer;
    pane.view()->viewport()->installEventFilter(&paintTimer);
    pane.filterBox()->setText(QStringLiteral("(ERROR|WARN).*\\d{3,}"));
    // Regex toggle: the first ".*" button after the filter box; set through the spec directly instead.
    FilterSpec spec;
    spec.text = pane.filterBox()->text();
    spec.regex = true;
    pane.model()->setFilter(spec);

    const qint64 t0 = 1763881200LL * 1000000000LL;
    int produced = 0;
    QTimer producer;
    producer.setInterval(10);
    QElapsedTimer clock;
    QObject::connect(&producer, &QTimer::timeout, [&] {
        // 50,000 lines/s over 30 pods, paced by the clock (a late tick sends more).
        // Capped: after the process was descheduled, catching up all at once would measure the
        // benchmark's own line generator, not the pane.
        const int due = qMin(int(clock.elapsed() * 50) - produced, 2000);
        if (due <= 0)
            return;
        std::vector<LogLine> v = makeLines(due, 30, t0, produced);
        produced += due;
        session.push(0, std::move(v));
    });
    StallProbe probe(clock);
    // "Typing" in the filter box: the filter changes every 400 ms and refilters the whole buffer.
    int keystroke = 0;
    QTimer typist;
    typist.setInterval(400);
    QObject::connect(&typist, &QTimer::timeout, [&] {
        FilterSpec s = spec;
        s.text = (keystroke++ % 2) ? QStringLiteral("(ERROR|WARN).*\\d{3,}")
                                   : QStringLiteral("(ERROR|WARN).*\\d{4,}");
        pane.model()->setFilter(s);
    });
    setRecording(true);
    clock.start();
    producer.start();
    probe.start();
    typist.start();
    waitUntil([&] { return clock.elapsed() > 5000; }, 10000);
    producer.stop();
    typist.stop();
    probe.stop();
    setRecording(false);
    bench("logs_gui_max_stall_ms", double(probe.worstMs()), "ms", true);
    std::printf("# gui: the longest event: %s\n", worstEvent().constData());
    std::printf("# gui: %d paints of the log view, the slowest %lld ms\n", paintTimer.paints,
                static_cast<long long>(paintTimer.worstMs));
    std::printf("# gui: %d lines produced, %d rows shown, buffer %lld\n", produced, pane.model()->rowCount(),
                static_cast<long long>(session.buffer().size()));
}

// The same stall probe while 30 pods of the simulated cluster write and their follow streams arrive over
// HTTP (the real path: stream, split, parse, merge, model), with the regex filter on.
void benchGuiLiveStreams()
{
    constexpr int kPods = 30;
    constexpr int kRate = 30000; // lines per second over all pods
    Sitrep::Bench::BenchLiveSource source(kPods, kRate, lineText);
    if (!source.startServing())
        return fail("gui (30 live streams): the simulated cluster did not start");
    LogSession session;
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(QStringLiteral("127.0.0.1"));
    base.setPort(source.port());
    session.setConnection(base, {});
    Sitrep::Ui::LogsPane pane(&session);
    pane.resize(1400, 800);
    pane.show();
    PaintTimer paintTimer;
    pane.view()->viewport()->installEventFilter(&paintTimer);
    FilterSpec spec;
    spec.text = QStringLiteral("(ERROR|WARN).*\\d{3,}");
    spec.regex = true;
    pane.model()->setFilter(spec);
    QList<LogTarget> targets;
    for (int i = 0; i < kPods; ++i)
        targets.append(
            {QStringLiteral("default"), QStringLiteral("live-%1").arg(i), QStringLiteral("app"), false});
    session.setTargets(targets);
    // Wait until every stream delivers before the probe starts: connecting is not what is measured.
    if (!waitUntil([&] { return session.buffer().size() > kRate / 2; }, 20000))
        return fail("gui (30 live streams): no lines arrived within 20 s");
    QElapsedTimer clock;
    StallProbe probe(clock);
    const qint64 before = session.buffer().size() + 0;
    const qint64 writtenBefore = source.linesWritten();
    g_app->worstNs = 0;
    setRecording(true);
    clock.start();
    probe.start();
    waitUntil([&] { return clock.elapsed() > 5000; }, 10000);
    probe.stop();
    setRecording(false);
    const double seconds = double(clock.elapsed()) / 1000.0;
    const double received = double(session.buffer().size() - before);
    if (qEnvironmentVariableIsSet("SITREP_BENCH_SHOT"))
        pane.grab().save(qEnvironmentVariable("SITREP_BENCH_SHOT"));
    session.stopAll();
    bench("logs_gui_30_streams_max_stall_ms", double(probe.worstMs()), "ms", true);
    bench("logs_gui_30_streams_lines_per_s", received / seconds, "lines/s");
    std::printf("# gui (30 live streams): the longest event: %s; written %.0f lines/s\n",
                worstEvent().constData(), double(source.linesWritten() - writtenBefore) / seconds);
    std::printf("# gui (30 live streams): %d paints of the log view, the slowest %lld ms\n",
                paintTimer.paints, static_cast<long long>(paintTimer.worstMs));
}

} // namespace

int main(int argc, char **argv)
{
    Sitrep::Core::AllocatorTuning::apply(); // as sitrep's main() does
    TimingApp app(argc, argv);
    g_app = &app;
    const int lines = qEnvironmentVariableIntValue("SITREP_BENCH_LOG_LINES") > 0
                          ? qEnvironmentVariableIntValue("SITREP_BENCH_LOG_LINES")
                          : 2000000;
    // SITREP_BENCH_LOG_PHASES=rss,gui,live,parse,merge,ingest picks phases (all by default).
    const QString phases =
        qEnvironmentVariable("SITREP_BENCH_LOG_PHASES", QStringLiteral("rss,gui,live,parse,merge,ingest"));
    if (phases.contains(QLatin1String("rss")))
        benchRss();
    if (phases.contains(QLatin1String("gui")))
        benchGuiStall();
    if (phases.contains(QLatin1String("live")))
        benchGuiLiveStreams();
    if (phases.contains(QLatin1String("parse"))) {
        const QByteArray body = makeBody(lines, 1763881200LL * 1000000000LL);
        std::printf("# %d lines, %.1f MB\n", lines, double(body.size()) / 1048576.0);
        benchParse(body, lines);
    }
    if (phases.contains(QLatin1String("merge")))
        benchMerge30Pods(qMin(lines, 1000000));
    if (phases.contains(QLatin1String("ingest"))) {
        // The stream comes from the simulated cluster's pods/log endpoint, on its own thread.
        const qint64 t0Ms = 1763881200LL * 1000LL;
        Sitrep::Bench::BenchSimSource sim(lines, t0Ms, lineText);
        if (!sim.startServing()) {
            fail("ingest: cannot start the simulated cluster");
        } else {
            const int rounds = qEnvironmentVariableIntValue("SITREP_BENCH_LOG_ROUNDS") > 0
                                   ? qEnvironmentVariableIntValue("SITREP_BENCH_LOG_ROUNDS")
                                   : 5;
            std::printf("# simulator log: %d lines, %.1f MB with timestamps, %d rounds\n", lines,
                        double(sim.bodyBytes()) / 1048576.0, rounds);
            benchIngestVsKubectl(sim.port(), lines, sim.bodyBytes(), rounds);
            const QList<QByteArray> served = sim.requests();
            for (qsizetype i = 0; i < served.size() && i < 12; ++i)
                std::printf("# served: %s\n", served.at(i).constData());
        }
    }
    if (g_failures > 0)
        std::printf("# %d phase(s) failed\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
