#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace Sitrep::Ui {

// Runs blocking work (a team server round trip, a journal copy) on a thread of its own and hands the
// result to done() on guard's thread, unless guard is gone by then. Never a nested event loop.
template<typename T>
void runInBackground(QObject *guard, std::function<T()> work, std::function<void(const T &)> done)
{
    QPointer<QObject> target(guard);
    QThread *thread = QThread::create([work = std::move(work), done = std::move(done), target]() {
        const T result = work();
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target.data(),
            [done, result, target] {
                if (target)
                    done(result);
            },
            Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace Sitrep::Ui
