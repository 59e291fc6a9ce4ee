#include "Theme.h"

#include <QApplication>
#include <QFile>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Sitrep::Ui {

Theme::Kind Theme::fromName(const QString &name)
{
    return name == QLatin1String("light") ? Kind::Light : Kind::Dark;
}

QString Theme::name(Kind kind)
{
    return kind == Kind::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

void Theme::apply(Kind kind)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (kind == Kind::Dark) {
        p.setColor(QPalette::Window, QColor(0x1e, 0x22, 0x27));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x15, 0x18, 0x1c));
        p.setColor(QPalette::AlternateBase, QColor(0x1b, 0x1f, 0x24));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x2c, 0x32, 0x38));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x5d, 0x8a));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0x26, 0x2b, 0x31));
        p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x93, 0x9c));
        p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
    } else {
        p = QApplication::style()->standardPalette();
    }
    QApplication::setPalette(p);
    QFile qss(QStringLiteral(":/themes/%1.qss").arg(name(kind)));
    if (qss.open(QIODevice::ReadOnly))
        qApp->setStyleSheet(QString::fromUtf8(qss.readAll()));
}

} // namespace Sitrep::Ui
