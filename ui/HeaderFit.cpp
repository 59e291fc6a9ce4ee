#include "HeaderFit.h"

#include <QHeaderView>
#include <QPointer>
#include <QTimer>

namespace Sitrep::Ui {

HeaderFit::HeaderFit(QHeaderView *header)
    : QObject(header)
{
    QPointer<QHeaderView> guard(header);
    auto later = [guard] {
        QTimer::singleShot(0, guard, [guard] {
            if (guard)
                apply(guard);
        });
    };
    connect(header, &QHeaderView::sectionCountChanged, this, later);
    later();
}

void HeaderFit::keep(QHeaderView *header)
{
    if (header && !header->findChild<HeaderFit *>(QString(), Qt::FindDirectChildrenOnly))
        new HeaderFit(header);
}

void HeaderFit::apply(QHeaderView *header)
{
    if (!header || !header->model())
        return;
    for (int s = 0; s < header->count(); ++s) {
        if (header->isSectionHidden(s))
            continue;
        const auto mode = header->sectionResizeMode(s);
        if (mode != QHeaderView::Interactive && mode != QHeaderView::Fixed)
            continue;
        if (header->stretchLastSection() && header->visualIndex(s) == header->count() - 1)
            continue;
        const int needed = header->sectionSizeHint(s);
        if (header->sectionSize(s) < needed)
            header->resizeSection(s, needed);
    }
}

} // namespace Sitrep::Ui
