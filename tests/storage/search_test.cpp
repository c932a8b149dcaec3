// Search as you type: exact NIK, NIK and card-number prefixes, name word prefixes (case- and accent-insensitive),
// hostile input, paging, and an index that follows renames and deletes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "simpul/storage/participants.hpp"
#include "simpul/storage/replica.hpp"
#include "storage_fixture.hpp"

using namespace simpul;
using namespace simpul::storage;

namespace {

class SearchTest : public ReplicaFixture {
 protected:
  // A participant with its own NIK (and card number when given); returns its id.
  std::string add(const std::string& name, const std::string& nik, const std::string& card = "") {
    Participant p = sample_participant(nik);
    p.name = name;
    p.card_number = card;
    auto id = Participants(*replica).create(staff, p);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : std::string();
  }

  // The names found for `query` on the first page of 50; fails the test when the search errors.
  std::multiset<std::string> names(const std::string& query) {
    std::multiset<std::string> out;
    auto page = Participants(*replica).search(query);
    EXPECT_TRUE(page.ok()) << "query <" << query << ">: " << page.error().message;
    if (page.ok()) {
      for (const auto& p : page->items) out.insert(p.name);
    }
    return out;
  }

  std::set<std::string> ids(const std::string& query) {
    std::set<std::string> out;
    auto page = Participants(*replica).search(query);
    EXPECT_TRUE(page.ok()) << "query <" << query << ">: " << page.error().message;
    if (page.ok()) {
      for (const auto& p : page->items) out.insert(p.id);
    }
    return out;
  }

  // Walks every page of `query` with `limit` rows per page; each page's ids in order.
  std::vector<std::vector<std::string>> pages(const std::string& query, std::size_t limit) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t offset = 0;; offset += limit) {
      auto page = Participants(*replica).search(query, limit, offset);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      std::vector<std::string> page_ids;
      for (const auto& p : page->items) page_ids.push_back(p.id);
      EXPECT_LE(page_ids.size(), limit);
      const bool more = page->more;
      if (!page_ids.empty()) out.push_back(std::move(page_ids));
      if (!more) break;
      EXPECT_EQ(out.back().size(), limit) << "a page before the last one is short";
      if (out.size() > 1000) {
        ADD_FAILURE() << "paging does not end";
        break;
      }
    }
    return out;
  }

  void expect_pages_cover_exactly(const std::string& query, std::size_t limit, const std::set<std::string>& want) {
    SCOPED_TRACE("query <" + query + "> limit " + std::to_string(limit));
    std::set<std::string> seen;
    std::size_t total = 0;
    for (const auto& page : pages(query, limit)) {
      for (const auto& id : page) {
        EXPECT_TRUE(seen.insert(id).second) << id << " appears on two pages";
        ++total;
      }
    }
    EXPECT_EQ(total, want.size());
    EXPECT_EQ(seen, want);
  }

  static std::string nik(int serial) {
    std::string s = std::to_string(serial);
    return "320410450690" + std::string(4 - s.size(), '0') + s;
  }
};

}  // namespace

TEST_F(SearchTest, SixteenDigitsFindExactlyThatNik) {
  const std::string a = add("Siti Rahma", "3204104506900001");
  add("Siti Rahmi", "3204104506900002");
  EXPECT_EQ(ids("3204104506900001"), std::set<std::string>{a});
  EXPECT_EQ(ids("  3204104506900001 "), std::set<std::string>{a}) << "surrounding blanks are ignored";
  EXPECT_TRUE(ids("3204104506900009").empty());
}

TEST_F(SearchTest, DigitsFindNikPrefix) {
  const std::string a = add("Siti Rahma", "3204104506900001");
  const std::string b = add("Budi Santoso", "3204100101850002");
  const std::string c = add("Agus Salim", "3273010101850003");
  EXPECT_EQ(ids("3204"), (std::set<std::string>{a, b}));
  EXPECT_EQ(ids("32041045"), std::set<std::string>{a});
  EXPECT_EQ(ids("3"), (std::set<std::string>{a, b, c}));
  EXPECT_EQ(ids("320410450690000"), std::set<std::string>{a}) << "15 digits are still a prefix";
  EXPECT_TRUE(ids("04104506").empty()) << "a NIK search matches from the start only";
}

TEST_F(SearchTest, DigitsFindCardNumberPrefixWithLeadingZeros) {
  const std::string a = add("Siti Rahma", "3204104506900001", "0001234567890");
  const std::string b = add("Budi Santoso", "3204100101850002", "0001299999999");
  add("Agus Salim", "3273010101850003", "0002000000001");
  EXPECT_EQ(ids("0001234567890"), std::set<std::string>{a}) << "a full 13-digit card number";
  EXPECT_EQ(ids("00012"), (std::set<std::string>{a, b}));
  EXPECT_EQ(ids("0"), ids("000"));
  EXPECT_EQ(ids("0").size(), 3u);
  EXPECT_TRUE(ids("1234567890").empty()) << "leading zeros are part of the card number";
}

TEST_F(SearchTest, NikAndCardMatchesAreListedOnce) {
  // This participant's NIK and card number both start with "3204".
  const std::string a = add("Siti Rahma", "3204104506900001", "3204000000001");
  const std::string b = add("Budi Santoso", "3273010101850002", "3204000000002");
  const std::string c = add("Agus Salim", "3204100101850003");
  auto page = Participants(*replica).search("3204");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 3u);
  EXPECT_EQ(ids("3204"), (std::set<std::string>{a, b, c}));
}

TEST_F(SearchTest, NameWordPrefixes) {
  add("Siti Rahma", nik(1));
  add("Budi Santoso", nik(2));
  EXPECT_EQ(names("s"), (std::multiset<std::string>{"Siti Rahma", "Budi Santoso"}));
  EXPECT_EQ(names("sit"), std::multiset<std::string>{"Siti Rahma"});
  EXPECT_EQ(names("rah"), std::multiset<std::string>{"Siti Rahma"});
  EXPECT_EQ(names("santoso"), std::multiset<std::string>{"Budi Santoso"});
  EXPECT_TRUE(names("ahma").empty()) << "words match from their start";
  EXPECT_TRUE(names("sitix").empty());
}

TEST_F(SearchTest, EveryWordMustMatchInAnyOrder) {
  add("Siti Nurhaliza", nik(1));
  add("Nur Siti", nik(2));
  add("Siti Aminah", nik(3));
  add("Nurul Hidayah", nik(4));
  EXPECT_EQ(names("siti nur"), (std::multiset<std::string>{"Nur Siti", "Siti Nurhaliza"}));
  EXPECT_EQ(names("nur siti"), (std::multiset<std::string>{"Nur Siti", "Siti Nurhaliza"}));
  EXPECT_EQ(names("  siti   nur  "), (std::multiset<std::string>{"Nur Siti", "Siti Nurhaliza"}));
  EXPECT_EQ(names("siti, nur."), (std::multiset<std::string>{"Nur Siti", "Siti Nurhaliza"}));
  EXPECT_EQ(names("nur"), (std::multiset<std::string>{"Nur Siti", "Nurul Hidayah", "Siti Nurhaliza"}));
  EXPECT_TRUE(names("siti hid").empty());
}

TEST_F(SearchTest, NamesAreCaseInsensitive) {
  add("Siti Rahma", nik(1));
  add("BUDI SANTOSO", nik(2));
  for (const char* q : {"siti", "SITI", "sItI", "Siti RAHMA"}) EXPECT_EQ(names(q).size(), 1u) << q;
  EXPECT_EQ(names("budi santoso"), std::multiset<std::string>{"BUDI SANTOSO"});
}

TEST_F(SearchTest, NamesAreAccentInsensitive) {
  add("Désirée Wulandari", nik(1));
  add("Zoë Gultom", nik(2));
  add("Ngurah Rai", nik(3));
  for (const char* q : {"desiree", "DESIREE", "désirée", "DÉSIRÉE", "des", "dési wul"}) {
    EXPECT_EQ(names(q), std::multiset<std::string>{"Désirée Wulandari"}) << q;
  }
  EXPECT_EQ(names("zoe"), std::multiset<std::string>{"Zoë Gultom"});
  // Accents typed by the user match the plain name too.
  EXPECT_EQ(names("ngùrah"), std::multiset<std::string>{"Ngurah Rai"});
}

TEST_F(SearchTest, QuerySyntaxInUserInputNeverErrors) {
  add("Siti Rahma", nik(1));
  add("Andi Nurdin", nik(2));
  const std::vector<std::string> hostile = {
      "\"",          "\"\"",        "siti\"",     "\"siti",     "*",           "siti*",       "**",
      "AND",         "siti AND",    "AND siti",   "OR",         "NOT",         "siti NOT rahma",
      "-",           "-siti",       "siti -rahma", "(",          ")",           "(siti",       "siti)",
      "NEAR",        "NEAR(siti rahma)",            "NEAR(siti rahma, 2)",      "siti NEAR rahma",
      "name:siti",   ":",           "^siti",      "+",          "{name}: siti", "[",          "'",
      "siti'",       "'; DROP TABLE participants; --", "\\",       "%",           "_",           "siti%",
      "0*",          "32-04",       "3204 1045",  "12ab",       "\xff",        "\xc3",        "siti \xe2\x80",
      std::string("si\0ti", 5),     std::string(2000, 'a'),     "a b c d e f g h i j k l m n o p q r s t u v w",
  };
  for (const auto& q : hostile) {
    for (const std::size_t offset : {std::size_t{0}, std::size_t{50}}) {
      auto page = Participants(*replica).search(q, 50, offset);
      EXPECT_TRUE(page.ok()) << "query <" << q << ">: " << (page.ok() ? "" : page.error().message);
    }
  }
  // Operators are words like any other: "and" is a name prefix here.
  EXPECT_EQ(names("AND"), std::multiset<std::string>{"Andi Nurdin"});
  EXPECT_EQ(names("siti AND"), std::multiset<std::string>{}) << "both words must match one name";
  EXPECT_EQ(names("\"siti\""), std::multiset<std::string>{"Siti Rahma"});
  EXPECT_EQ(names("siti*"), std::multiset<std::string>{"Siti Rahma"});
  EXPECT_EQ(names("(siti"), std::multiset<std::string>{"Siti Rahma"});
  EXPECT_EQ(Participants(*replica).count().value(), 2) << "the participants table is still there";
}

TEST_F(SearchTest, BlankQueryFindsNothing) {
  add("Siti Rahma", nik(1));
  for (const char* q : {"", " ", "\t\n", "  ,  "}) {
    auto page = Participants(*replica).search(q);
    ASSERT_TRUE(page.ok()) << q;
    EXPECT_TRUE(page->items.empty()) << q;
    EXPECT_FALSE(page->more) << q;
  }
}

TEST_F(SearchTest, NamePagesAreDisjointAndCoverAllMatches) {
  std::set<std::string> sitis;
  for (int i = 0; i < 23; ++i) sitis.insert(add("Siti Nomor" + std::string(1, static_cast<char>('A' + i)), nik(i)));
  for (int i = 23; i < 30; ++i) add("Budi Santoso", nik(i));
  for (const std::size_t limit : {1u, 5u, 7u, 23u, 50u}) expect_pages_cover_exactly("siti", limit, sitis);

  auto first = Participants(*replica).search("siti", 5, 0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->items.size(), 5u);
  EXPECT_TRUE(first->more);
  auto last = Participants(*replica).search("siti", 5, 20);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->items.size(), 3u);
  EXPECT_FALSE(last->more);
  auto beyond = Participants(*replica).search("siti", 5, 40);
  ASSERT_TRUE(beyond.ok());
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_FALSE(beyond->more);
}

TEST_F(SearchTest, MoreIsFalseWhenTheLastPageIsExactlyFull) {
  std::set<std::string> all;
  for (int i = 0; i < 10; ++i) all.insert(add("Siti Rahma", nik(i)));
  auto second = Participants(*replica).search("siti", 5, 5);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->items.size(), 5u);
  EXPECT_FALSE(second->more);
  expect_pages_cover_exactly("siti", 5, all);
}

TEST_F(SearchTest, DigitPagesAreDisjointAndCoverAllMatches) {
  std::set<std::string> matching;
  for (int i = 0; i < 17; ++i) matching.insert(add("Siti Rahma", nik(i)));
  // Card numbers that match the query while their NIKs do not, so both halves of the digit search are paged.
  for (int i = 0; i < 9; ++i) {
    matching.insert(add("Budi Santoso", "327301010185" + std::to_string(1000 + i), "320410" + std::to_string(1000000 + i)));
  }
  add("Agus Salim", "3273010101859999", "0001234567890");
  for (const std::size_t limit : {1u, 4u, 9u, 17u, 26u, 100u}) expect_pages_cover_exactly("3204", limit, matching);
}

TEST_F(SearchTest, RenamedParticipantIsFoundByTheNewNameOnly) {
  const std::string id = add("Siti Rahma", nik(1));
  add("Siti Aminah", nik(2));
  ASSERT_TRUE(Participants(*replica).update(staff, id, Fields{{"name", "Dewi Lestari"}}).ok());
  EXPECT_EQ(names("siti"), std::multiset<std::string>{"Siti Aminah"});
  EXPECT_TRUE(names("rahma").empty());
  EXPECT_EQ(ids("dewi les"), std::set<std::string>{id});
  // A change to another field leaves the name index alone.
  ASSERT_TRUE(Participants(*replica).update(staff, id, Fields{{"phone", "+6281200000000"}}).ok());
  EXPECT_EQ(ids("dewi"), std::set<std::string>{id});
  EXPECT_TRUE(replica->db().exec("INSERT INTO participants_fts(participants_fts) VALUES ('integrity-check')").ok());
}

TEST_F(SearchTest, DeletedParticipantIsNotFound) {
  const std::string gone = add("Siti Rahma", nik(1), "0001234567890");
  const std::string kept = add("Siti Aminah", nik(2));
  {
    auto tx = Transaction::begin(replica->db());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(replica->remove(staff, "participant", gone).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(ids("siti"), std::set<std::string>{kept});
  EXPECT_TRUE(ids("rahma").empty());
  EXPECT_TRUE(ids(nik(1)).empty());
  EXPECT_TRUE(ids("0001234").empty());
  EXPECT_TRUE(replica->db().exec("INSERT INTO participants_fts(participants_fts) VALUES ('integrity-check')").ok());
}

TEST(SearchFtsQuery, QuotesEveryWordAsAPrefix) {
  EXPECT_EQ(fts_prefix_query("siti nur"), "\"siti\"* AND \"nur\"*");
  EXPECT_EQ(fts_prefix_query("\"siti\" OR (nur*)"), "\"siti\"* AND \"OR\"* AND \"nur\"*");
  EXPECT_EQ(fts_prefix_query(" -*\"() "), "");
}
