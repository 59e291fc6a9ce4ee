#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QHBoxLayout;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

// The band always visible above the panes: title, severity (colour and text), status, elapsed time
// since impact started, commander, plus slots for other modules (e.g. the next-update countdown). Its height
// is fixed: two lines of title, elided, whole on hover.
class ElidedLabel;

class IncidentHeader final : public QWidget
{
    Q_OBJECT
public:
    explicit IncidentHeader(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);

    void addTrailingWidget(QWidget *widget);
    QString elapsedText() const;
    QString titleText() const;
    bool titleElided() const;
    // Two lines of title and the margins: the header's height whatever the title's length.
    int fixedHeight() const;

public slots:
    void refresh();

private:
    Sitrep::Core::IncidentFile &m_file;
    QLabel *m_severity;
    QLabel *m_status;
    ElidedLabel *m_title;
    QLabel *m_elapsed;
    QLabel *m_commander;
    QHBoxLayout *m_layout;
    QTimer m_tick;
};

} // namespace Sitrep::Ui
