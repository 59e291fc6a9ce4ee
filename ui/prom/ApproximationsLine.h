#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QToolButton;

namespace Sitrep::Ui {

// What an imported dashboard could not bring along, as one compact line above the panels ("3 approximations
// ▸"); a click unfolds the sentences, another folds them away. Never a block that hides the panels.
class ApproximationsLine final : public QWidget
{
    Q_OBJECT
public:
    explicit ApproximationsLine(QWidget *parent = nullptr);

    void setNotes(const QStringList &notes);
    QStringList notes() const { return m_notes; }
    bool isExpanded() const;
    void setExpanded(bool expanded);
    QString buttonText() const;

private:
    QStringList m_notes;
    QToolButton *m_button;
    QLabel *m_list;
};

} // namespace Sitrep::Ui
