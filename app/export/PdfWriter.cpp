#include "export/PdfWriter.h"

#include "export/HtmlWriter.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace Sitrep::Export {

Sitrep::Core::Result<void> PdfWriter::write(const Postmortem &pm, const QString &path)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Sitrep::Core::makeError(QStringLiteral("PDF export needs the GUI libraries (internal error)"));
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 18), QPageLayout::Millimeter);
    pdf.setResolution(96);
    pdf.setTitle(QStringLiteral("Postmortem: %1").arg(pm.incident.title()));
    pdf.setCreator(QStringLiteral("Sitrep"));

    QTextDocument doc;
    // QTextDocument does not decode data: URIs: hand the chart PNGs over as resources instead.
    const QString html = HtmlWriter::write(pm, [&doc](int index, const QString &base64) {
        const QString name = QStringLiteral("chart-%1.png").arg(index);
        doc.addResource(QTextDocument::ImageResource, QUrl(name),
                        QImage::fromData(QByteArray::fromBase64(base64.toLatin1()), "PNG"));
        return name;
    });
    doc.setHtml(html);
    const QRect body = pdf.pageLayout().paintRectPixels(pdf.resolution());
    const qreal footer = 24;
    doc.setPageSize(QSizeF(body.width(), body.height() - footer));
    const int pages = doc.pageCount();

    QPainter painter;
    if (!painter.begin(&pdf))
        return Sitrep::Core::makeError(QStringLiteral("cannot write the PDF"), path);
    QFont small = painter.font();
    small.setPointSizeF(8);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            pdf.newPage();
        painter.save();
        const qreal top = page * doc.pageSize().height();
        painter.translate(0, -top);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = QRectF(0, top, doc.pageSize().width(), doc.pageSize().height());
        painter.setClipRect(ctx.clip);
        doc.documentLayout()->draw(&painter, ctx);
        painter.restore();
        painter.setFont(small);
        painter.drawText(
            QRectF(0, body.height() - footer + 6, body.width(), footer), Qt::AlignCenter,
            QStringLiteral("%1 \u2014 page %2 of %3").arg(pm.incident.title()).arg(page + 1).arg(pages));
    }
    painter.end();
    return {};
}

} // namespace Sitrep::Export
