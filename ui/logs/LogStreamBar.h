#pragma once

#include "logs/LogStream.h"

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace Sitrep::Ui {

// The logs pane's "what and how to stream" row: namespace and targets (pods, a label selector or
// deployment/NAME), follow, tail N, since a duration or an absolute time (UTC), previous instance,
// which container (all or one of those the pod watch reports) with or without init containers, and
// the ring buffer's size. It only describes; LogsPane applies it to the session and the tracker.
class LogStreamBar final : public QWidget
{
    Q_OBJECT
public:
    explicit LogStreamBar(QWidget *parent = nullptr);
    // More controls in the same wrapping row (the pane's own: time column, pods, pause, clear).
    void addTrailingWidget(QWidget *widget);

    QString ns() const;
    QString selector() const;
    void setTargetSelection(const QString &ns, const QString &selector);

    // `base` with follow, previous, tail and since as the controls say.
    Sitrep::Logs::StreamOptions streamOptions(Sitrep::Logs::StreamOptions base) const;
    // Selects "since time…" at this instant (shown and kept in UTC, as the time column is).
    void setSinceTime(const QDateTime &utc);

    // "" means all containers.
    QString container() const;
    bool includeInit() const;
    // The names offered besides "all containers"; the current choice stays even when absent (a pod
    // that comes back later has it again).
    void setContainerNames(const QStringList &names);

    int bufferLines() const;
    void setBufferLines(int lines);

    QComboBox *sinceBox() const { return m_since; }
    QDateTimeEdit *sinceTimeEdit() const { return m_sinceTime; }
    QComboBox *containerBox() const { return m_container; }
    QCheckBox *initBox() const { return m_init; }
    QSpinBox *bufferBox() const { return m_buffer; }

signals:
    // "Stream" or Enter in the targets field: apply targets and options.
    void applyRequested();
    void containerChanged(const QString &container);
    void includeInitChanged(bool include);
    // Only on a finished edit or an arrow step: a half-typed number must not shrink the ring.
    void bufferLinesChanged(int lines);

private:
    static constexpr int kSinceTime = -1; // the since box's item that reads the date-time edit

    QLineEdit *m_ns = nullptr;
    QLineEdit *m_selector = nullptr;
    QCheckBox *m_follow = nullptr;
    QSpinBox *m_tail = nullptr;
    QComboBox *m_since = nullptr;
    QDateTimeEdit *m_sinceTime = nullptr;
    QCheckBox *m_previous = nullptr;
    QComboBox *m_container = nullptr;
    QCheckBox *m_init = nullptr;
    QToolButton *m_options = nullptr;
    QSpinBox *m_buffer = nullptr;
};

} // namespace Sitrep::Ui
