#pragma once

#include <QLabel>

namespace Sitrep::Ui {

// A plain-text label that wraps to at most maxLines lines and elides the last one ("…") instead of growing
// taller or wider; the whole text is then its tooltip. text() is always the whole text. The height it asks
// for is that of maxLines lines, so a long title never pushes the layout around.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    ElidedLabel(const QString &text, QWidget *parent = nullptr);

    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    // Shorten a single-line name with NameElider (keep the tail that tells it apart) instead of at the right.
    void setNameElision(bool on);
    // True when what is drawn is shorter than the text (the tooltip then shows the whole).
    bool isElided() const;
    // The lines as drawn at the current width.
    QStringList shownLines() const;
    // The lines the whole text takes at this width (more than maxLines() when it is elided).
    int linesNeeded(int width) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QStringList layOut(int width, bool *elided) const;
    int textWidth() const;
    void syncToolTip(bool elided);

    int m_maxLines = 1;
    bool m_nameElision = false;
    QString m_autoToolTip; // the tooltip this label set itself (the whole text when it was elided)
};

} // namespace Sitrep::Ui
