#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

class TimelineFilterProxy;
class TimelineModel;

// The journal as a live, filterable list with pinning and a note box.
class TimelinePane final : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePane(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);

    TimelineModel *model() const { return m_model; }
    TimelineFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QAction *addNoteAction() const { return m_addNote; }
    QAction *pinAction() const { return m_pin; }
    QAction *filterAction() const { return m_filter; }

    // Adds the note typed in the box to the journal; returns false (and shows why) if it could not.
    bool submitNote();
    void togglePinSelected();

private:
    void showError(const QString &text);
    void rebuildKindMenu();

    Sitrep::Core::IncidentFile &m_file;
    TimelineModel *m_model;
    TimelineFilterProxy *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filterEdit;
    QToolButton *m_kindButton;
    QCheckBox *m_pinnedOnly;
    QLineEdit *m_noteEdit;
    QLabel *m_error;
    QAction *m_addNote;
    QAction *m_pin;
    QAction *m_filter;
};

} // namespace Sitrep::Ui
