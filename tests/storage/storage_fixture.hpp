#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "simpul/core/clock.hpp"
#include "simpul/core/model.hpp"
#include "simpul/storage/replica.hpp"

// A replica in a fresh temporary directory with a manual clock.
class ReplicaFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("simpul-storage-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    path = (dir / "replica.db").string();
    reopen();
  }
  void TearDown() override {
    replica.reset();
    std::filesystem::remove_all(dir);
  }
  void reopen() {
    auto r = simpul::storage::Replica::open(path, clock);
    ASSERT_TRUE(r.ok()) << r.error().message;
    replica = std::move(r).value();
  }
  static simpul::Participant sample_participant(const std::string& nik) {
    simpul::Participant p;
    p.nik = nik;
    p.name = "Siti Rahma";
    p.birth_date = simpul::Date{1990, 6, 5};
    p.sex = simpul::Sex::female;
    p.kk_number = "3204101201150003";
    p.relation = simpul::FamilyRelation::spouse;
    p.address = {"Jl. Melati 3", "002", "005", "3204102001", "40911"};
    p.phone = "+6281298765432";
    p.email = "siti@contoh.id";
    p.segment = simpul::Segment::pbpu;
    p.care_class = 3;
    p.fktp = "0114U163";
    return p;
  }

  simpul::ManualClock clock;
  std::filesystem::path dir;
  std::string path;
  std::unique_ptr<simpul::storage::Replica> replica;
  simpul::storage::Actor staff{"u-1", "siti.desk"};
};
