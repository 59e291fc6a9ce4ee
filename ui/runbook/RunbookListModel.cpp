#include "RunbookListModel.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>

namespace Sitrep::Ui {

RunbookListModel::RunbookListModel(Sitrep::Runbook::RunbookLibrary::Scan scan, QObject *parent)
    : QAbstractTableModel(parent)
    , m_scan(std::move(scan))
{}

int RunbookListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_scan.entries.size() + m_scan.failures.size());
}

int RunbookListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunbookListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const qsizetype row = index.row();
    const bool failed = row >= m_scan.entries.size();
    if (failed) {
        const auto &f = m_scan.failures.at(row - m_scan.entries.size());
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case Title:
                return tr("\u26a0 not readable");
            case Alerts:
                return f.error.section(QStringLiteral(": "), 1); // the file is in its own column
            case File:
                return QFileInfo(f.path).fileName();
            default:
                return {};
            }
        case Qt::ToolTipRole:
            return f.error;
        case Qt::ForegroundRole:
            return QBrush(QColor(0xc6, 0x28, 0x28));
        case PathRole:
            return f.path;
        case ErrorRole:
            return f.error;
        default:
            return {};
        }
    }
    const auto &e = m_scan.entries.at(row);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return e.title.isEmpty() ? QFileInfo(e.path).completeBaseName() : e.title;
        case Alerts:
            return e.alerts.join(QStringLiteral(", "));
        case File:
            return e.path.startsWith(QLatin1Char(':')) ? tr("%1 (bundled)").arg(QFileInfo(e.path).fileName())
                                                       : QFileInfo(e.path).fileName();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return e.path;
    case PathRole:
        return e.path;
    default:
        return {};
    }
}

QVariant RunbookListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Title:
        return tr("Runbook");
    case Alerts:
        return tr("Alerts it handles");
    case File:
        return tr("File");
    default:
        return {};
    }
}

Qt::ItemFlags RunbookListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // A broken runbook is listed to be seen (and its error copied), not opened.
    if (index.row() >= m_scan.entries.size())
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace Sitrep::Ui
