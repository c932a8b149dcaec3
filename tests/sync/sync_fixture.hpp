#pragma once
// Desks (a replica file with a UI connection and a sync engine with its own connection) against one
// FakeServer, on a manual clock.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "fake_server.hpp"
#include "simpul/core/clock.hpp"
#include "simpul/storage/replica.hpp"
#include "simpul/sync/client.hpp"
#include "simpul/sync/engine.hpp"
#include "simpul/sync/rows.hpp"
#include "support/temp_dir.hpp"

namespace simpul::test {

struct Desk {
  std::string path;
  std::unique_ptr<storage::Replica> ui;     // the desk's own writes, as the app's UI thread makes them
  std::unique_ptr<sync::SyncEngine> engine;  // its own connection
  FakeTransport* transport = nullptr;        // owned by the engine

  storage::Replica& sync_replica() { return engine->replica(); }
};

class SyncFixture : public ::testing::Test {
 protected:
  static sync::EngineOptions default_options() {
    sync::EngineOptions o;
    o.seed = 1234;
    return o;
  }

  Desk make_desk(const std::string& name, sync::EngineOptions options = default_options(), bool enroll = true) {
    Desk d;
    d.path = dir.file(name + ".db").string();
    auto ui = storage::Replica::open(d.path, clock);
    EXPECT_TRUE(ui.ok()) << ui.error().message;
    d.ui = std::move(ui).value();
    auto transport = std::make_unique<FakeTransport>(server);
    d.transport = transport.get();
    options.db_path = d.path;
    auto engine = sync::SyncEngine::open(options, clock, std::move(transport));
    EXPECT_TRUE(engine.ok()) << engine.error().message;
    d.engine = std::move(engine).value();
    if (enroll) {
      sync::SyncClient client(d.sync_replica(), d.engine->transport());
      auto r = client.enroll("http://fake", "0114U163", server.enroll_code);
      EXPECT_TRUE(r.ok()) << r.error().message;
    }
    return d;
  }

  sync::SyncClient client_for(Desk& d) { return sync::SyncClient(d.sync_replica(), d.engine->transport()); }

  static void write(storage::Replica& r, const std::string& entity, const std::string& id,
                    const storage::Fields& fields) {
    auto tx = storage::Transaction::begin(r.db());
    ASSERT_TRUE(tx.ok());
    auto w = r.upsert(storage::Actor{"u-1", "siti.desk"}, entity, id, fields);
    ASSERT_TRUE(w.ok()) << w.error().message;
    ASSERT_TRUE(tx->commit().ok());
  }
  static void erase(storage::Replica& r, const std::string& entity, const std::string& id) {
    auto tx = storage::Transaction::begin(r.db());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(r.remove(storage::Actor{"u-1", "siti.desk"}, entity, id).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  static storage::Fields person(const std::string& nik, const std::string& name) {
    return storage::Fields{{"nik", nik}, {"name", name}, {"fktp", "0114U163"}, {"class", 3}};
  }
  static std::int64_t count(storage::Replica& r, const std::string& sql) {
    auto v = r.db().query_int(sql);
    EXPECT_TRUE(v.ok()) << sql;
    return v.ok() ? v->value_or(-1) : -1;
  }
  static std::string text(storage::Replica& r, const std::string& sql) {
    auto v = r.db().query_text(sql);
    EXPECT_TRUE(v.ok()) << sql;
    return v.ok() ? v->value_or("<null>") : "<error>";
  }
  static std::string digest(storage::Replica& r) {
    auto d = sync::replica_digest(r.db());
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->digest : "";
  }

  ManualClock clock;
  TempDir dir{"simpul-sync"};
  FakeServer server{clock};
};

}  // namespace simpul::test
