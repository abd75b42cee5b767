// SPDX-License-Identifier: GPL-3.0-or-later
// The widget tests' sample store: generated once per test case (about a second), copied fresh for each
// test, with the error messages the UI would have shown collected instead of shown.
#pragma once

#include "TestWorkspaces.h"
#include "jobs/Progress.h"
#include "main/ShowError.h"
#include "services/WorkspaceService.h"

#include <QFile>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace awb::test {

class SampleStoreFixture
{
public:
    SampleStoreFixture() = default;
    SampleStoreFixture(const SampleStoreFixture &) = delete;
    SampleStoreFixture &operator=(const SampleStoreFixture &) = delete;
    ~SampleStoreFixture() { ui::setErrorHandler({}); }

    /// In initTestCase: generates the sample store (800 profiles over 150 days, with its catalog) and routes
    /// ui::showError into errors().
    void create()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::setErrorHandler(
            [this](QWidget *, const Error &error) { m_errors << QString::fromStdString(error.message); });
        QVERIFY(m_pristineDir.isValid());
        m_pristine = workspacePath(m_pristineDir.path(), QStringLiteral("pristine"));
        sample::SampleSpec spec;
        spec.profiles = 800;
        spec.days = 150;
        const auto made =
            services::WorkspaceService::createSample(m_pristine.toStdString(), spec, ProgressSink::null());
        QVERIFY2(made, made ? "" : made.error().message.c_str());
    }

    /// In init: a copy of the store in a new folder (dir()), and no errors yet. Returns the copy's path,
    /// empty (and the test failed) when it could not be made.
    QString freshCopy()
    {
        m_errors.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        const QString path = workspacePath(m_dir->path(), QStringLiteral("sample"));
        if (!m_dir->isValid() || !QFile::copy(m_pristine, path)) {
            QTest::qFail("cannot copy the sample store", __FILE__, __LINE__);
            return {};
        }
        return path;
    }

    /// In cleanup, after the widgets are gone: removes the copy's folder.
    void removeCopy() { m_dir.reset(); }

    /// The folder of the current copy, for the files a test writes (exports).
    QString dir() const { return m_dir ? m_dir->path() : QString(); }
    QString filePath(const QString &name) const { return m_dir ? m_dir->filePath(name) : QString(); }

    /// The messages the UI reported since freshCopy(), one line each: empty means nothing went wrong.
    const QStringList &errors() const { return m_errors; }
    QString errorText() const { return m_errors.join(QLatin1Char('\n')); }

private:
    QTemporaryDir m_pristineDir;
    QString m_pristine;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_errors;
};

} // namespace awb::test
