#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>

namespace Sitrep::Sim {

// What a pods/log request asks for.
struct LogQuery
{
    bool previous = false;
    int tailLines = -1;
    qint64 sinceMs = -1;
    qint64 limitBytes = -1;
    bool timestamps = false;
};

// Log lines per container (current run and previous run), as the kubelet would keep them.
class PodLogs final : public QObject
{
    Q_OBJECT
public:
    struct Line
    {
        qint64 tsMs = 0;
        QString text;
    };

    explicit PodLogs(QObject *parent = nullptr)
        : QObject(parent)
    {}

    static QString keyOf(const QString &ns, const QString &pod, const QString &container);

    void append(const QString &ns, const QString &pod, const QString &container, qint64 tsMs,
                const QString &text);
    // The container restarted: the current run becomes the previous one.
    void rotate(const QString &ns, const QString &pod, const QString &container);
    // The container stopped: followers of its log stream see the end.
    void endRun(const QString &ns, const QString &pod, const QString &container);
    void removePod(const QString &ns, const QString &pod);
    bool hasPrevious(const QString &ns, const QString &pod, const QString &container) const;
    QByteArray read(const QString &ns, const QString &pod, const QString &container,
                    const LogQuery &query) const;
    static QByteArray format(const Line &line, bool timestamps);
    void setMaxLines(int lines) { m_maxLines = qMax(10, lines); }

signals:
    void lineAppended(const QString &key, const Sitrep::Sim::PodLogs::Line &line);
    void runEnded(const QString &key);

private:
    struct Runs
    {
        std::deque<Line> current;
        std::deque<Line> previous;
        bool hasPrevious = false;
        // Whole runs rendered once ([previous][timestamps]): reading a long log again is then a copy.
        mutable QByteArray rendered[2][2];
    };
    static QByteArray render(const std::deque<Line> &lines, size_t first, bool timestamps);
    QHash<QString, Runs> m_runs;
    int m_maxLines = 5000;
};

} // namespace Sitrep::Sim
