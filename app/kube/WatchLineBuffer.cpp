#include "kube/WatchLineBuffer.h"

namespace Sitrep::Kube {

QList<QByteArray> WatchLineBuffer::append(const QByteArray &data)
{
    QList<QByteArray> lines;
    if (m_overflow)
        return lines;
    qsizetype start = 0;
    qsizetype nl = data.indexOf('\n');
    while (nl >= 0) {
        QByteArray line =
            m_buffer.isEmpty() ? data.mid(start, nl - start) : m_buffer + data.mid(start, nl - start);
        m_buffer.clear();
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines << line;
        start = nl + 1;
        nl = data.indexOf('\n', start);
    }
    m_buffer += data.mid(start);
    if (m_buffer.size() > m_max) {
        m_overflow = true;
        m_buffer.clear();
    }
    return lines;
}

} // namespace Sitrep::Kube
