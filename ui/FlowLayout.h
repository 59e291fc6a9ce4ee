#pragma once

#include <QLayout>
#include <QList>

namespace Sitrep::Ui {

// Lays out widgets left to right and wraps them onto the next line when the row is full, so a pane's tool row
// fits a narrow dock instead of forcing the window wider than the screen. Items whose horizontal policy
// expands (line edits) share what a line leaves over.
class FlowLayout final : public QLayout
{
    Q_OBJECT
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return Qt::Horizontal; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;
    // The number of lines at this width.
    int lineCount(int width) const;

private:
    int doLayout(const QRect &rect, bool apply, int *lines = nullptr) const;
    int gap() const;

    QList<QLayoutItem *> m_items;
    int m_spacing;
};

} // namespace Sitrep::Ui
