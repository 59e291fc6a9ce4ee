#pragma once

#include "logs/LogFilter.h"
#include "logs/LogStream.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QToolButton;
class QTreeView;

namespace Sitrep::Core {
class IncidentSession;
}
namespace Sitrep::Logs {
class LogSession;
class PodTargetTracker;
} // namespace Sitrep::Logs

namespace Sitrep::Ui {

class LogModel;
class LogStreamBar;

// The live logs pane: stream controls (LogStreamBar), search (highlights) and filter (hides), pause with a
// waiting counter, per-pod toggles, the merged line view that follows the tail only while it sits at the
// bottom, a detail view for the whole line (JSON pretty-printed), and pin/save of selected lines.
class LogsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit LogsPane(Sitrep::Logs::LogSession *session, QWidget *parent = nullptr);
    ~LogsPane() override;

    // Where "Pin to timeline" records excerpts; null disables pinning.
    void setIncidentSession(Sitrep::Core::IncidentSession *incident) { m_incident = incident; }
    // Pre-fills the target fields (e.g. from the pod table's selection) without applying them.
    void setTargetSelection(const QString &ns, const QString &selector);
    // The tracker that turns the pod watch into targets: the container choice and the init
    // containers toggle drive it, and the containers it sees fill the container choice.
    void setTargetTracker(Sitrep::Logs::PodTargetTracker *tracker);
    // The QSettings key of the ring buffer size (lines), read at construction.
    static QString bufferLinesKey() { return QStringLiteral("logs/bufferLines"); }

    LogModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    QLineEdit *filterBox() const { return m_filter; }
    LogStreamBar *streamBar() const { return m_bar; }
    QString statusText() const;
    QString droppedText() const;
    QString matchText() const;

    // The options the toolbar describes (follow, tail, since, previous).
    Sitrep::Logs::StreamOptions streamOptions() const;

public slots:
    void applyFilter();
    void applySearch();
    void findNext();
    void findPrevious();
    void setPaused(bool paused);
    void clear();
    // Pins the selected lines to the incident timeline; false (and a message) when not possible.
    bool pinSelection();
    // Saves the selected lines (all shown lines if none is selected); asks for a file if path is empty.
    bool saveSelection(const QString &path = {});
    // Applies the stream options: clears the view and re-opens every stream.
    void applyStreamOptions();

signals:
    // The user asked for other containers: "namespace" + pod name, label selector or deployment/x.
    // The composition root resolves it with its pod watch and calls LogSession::setTargets().
    void targetSelectionChanged(const QString &ns, const QString &selector);
    void excerptPinned(qint64 eventId);

private:
    void buildUi();
    void rebuildPodMenu();
    void updateStatus();
    void showMessage(const QString &text, bool error);
    void toggleDetail();
    void updateDetail();
    void jumpTo(int row);
    void updateMatchLabel();
    void setBufferLines(int lines);
    QList<quint64> selectedSeqs(bool allIfNone) const;
    Sitrep::Logs::FilterSpec searchSpec() const;

    Sitrep::Logs::LogSession *m_session;
    Sitrep::Core::IncidentSession *m_incident = nullptr;
    LogModel *m_model;
    QTreeView *m_view = nullptr;
    QPlainTextEdit *m_detail = nullptr;

    LogStreamBar *m_bar = nullptr;
    Sitrep::Logs::PodTargetTracker *m_tracker = nullptr;
    QCheckBox *m_timestamps = nullptr;
    QToolButton *m_pods = nullptr;
    QMenu *m_podMenu = nullptr;
    QToolButton *m_pause = nullptr;
    QLabel *m_dropped = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_searchRegex = nullptr;
    QToolButton *m_searchCase = nullptr;
    QLabel *m_matchLabel = nullptr;
    QLineEdit *m_filter = nullptr;
    QToolButton *m_filterRegex = nullptr;
    QToolButton *m_filterCase = nullptr;
    QToolButton *m_filterExclude = nullptr;
    QComboBox *m_level = nullptr;
    QLabel *m_banner = nullptr;
    int m_errorSource = -1; // the stream whose error the banner shows
    QLabel *m_status = nullptr;

    QSet<quint16> m_hiddenSources;
    QTimer m_filterDebounce;
    QTimer m_searchDebounce;
    QTimer m_statusTimer;
    bool m_stickToBottom = true;
};

} // namespace Sitrep::Ui
