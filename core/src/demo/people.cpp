// Families on one family card (KK): head, spouse and children with consistent ages, NIKs that decode to
// their birth date and sex, a shared address, segment, class and FKTP; plus the civil-registry records of
// everyone, including the people who are not registered in JKN yet.
#include <algorithm>
#include <array>

#include "generator.hpp"
#include "names.hpp"

namespace simpul::demo::detail {
namespace {

const Date kJknStart{2014, 1, 1};

struct Member {
  Sex sex = Sex::male;
  Date birth;
  FamilyRelation relation = FamilyRelation::child;
  std::string name;
  std::size_t nik_district = 0;
};

// Segment shares roughly as in the national membership (PBI about half).
constexpr std::array<int, 5> kSegmentWeights{38, 12, 25, 20, 5};
constexpr std::array<Segment, 5> kSegments{Segment::pbi_apbn, Segment::pbi_apbd, Segment::ppu, Segment::pbpu,
                                           Segment::bp};
constexpr std::array<int, 5> kFamilySizeWeights{20, 25, 28, 17, 10};  // 2..6 members

constexpr const char* kBanks[] = {"BRI", "BNI", "Mandiri", "BCA", "BJB", "BSI"};
constexpr const char* kWallets[] = {"GoPay", "DANA", "OVO", "ShopeePay", "LinkAja"};
constexpr const char* kOperatorPrefixes[] = {"811", "812", "813", "821", "822", "852", "853", "857", "856",
                                             "878", "877", "819", "859", "895", "896", "898", "838", "831"};

int care_class_for(Rng& rng, Segment s) {
  switch (s) {
    case Segment::pbi_apbn:
    case Segment::pbi_apbd: return 3;  // PBI is always class 3
    case Segment::ppu: return rng.percent(35) ? 1 : 2;
    case Segment::pbpu: return static_cast<int>(weighted(rng, std::array<int, 3>{15, 25, 60})) + 1;
    case Segment::bp: return rng.percent(70) ? 1 : 2;
  }
  return 3;
}

Date years_before(const Date& d, int years) { return d.add_months(-12 * years); }

class FamilyMaker {
 public:
  explicit FamilyMaker(Generator& g) : g_(g), rng_(g.stream(2)), today_(g.today()) {
    for (std::uint32_t i = 0; i < g.data.facilities.size(); ++i) {
      const Facility& f = g.data.facilities[i];
      if (is_fktp(f.type) && f.type != FacilityType::dpg) fktps_.push_back(i);
      if (f.type == FacilityType::dpg) dentists_.push_back(i);
    }
  }

  void run() {
    const std::size_t n = g_.options().participants;
    auto& d = g_.data;
    d.participants.reserve(n);
    d.civil_registry.reserve(n + n / 18 + 8);
    d.kk_history.reserve(n + n / 8);
    d.families.reserve(n / 3 + 2);
    std::size_t made = 0;
    while (made < n) {
      const std::size_t size = family_size(n - made);
      make_family(size, true);
      made += size;
    }
    // About 5% more people in the civil registry who are not JKN participants yet.
    const std::size_t extra = std::max<std::size_t>(3, (n + 19) / 20);
    std::size_t added = 0;
    while (added < extra) {
      const std::size_t size = family_size(extra - added + 1);
      make_family(size, false);
      added += size;
    }
  }

 private:
  std::size_t family_size(std::size_t remaining) {
    if (remaining < 2) return remaining;
    std::size_t size = weighted(rng_, kFamilySizeWeights) + 2;
    if (size > remaining) size = remaining;
    if (remaining - size == 1) size = size > 2 ? size - 1 : size + 1;  // never leave a family of one
    return size;
  }

  Date birth_at_age(int age_years) {
    const Date latest = years_before(today_, age_years);
    return random_day(rng_, latest.add_days(-364), latest);
  }

  std::vector<Member> members(std::size_t size, Segment segment) {
    std::vector<Member> out;
    Member head;
    head.relation = FamilyRelation::head;
    head.sex = rng_.percent(88) ? Sex::male : Sex::female;
    head.birth = birth_at_age(segment == Segment::bp ? rng_.between(57, 78) : rng_.between(size > 3 ? 30 : 22, 68));
    out.push_back(head);
    const bool spouse = size >= 2 && (size == 2 ? rng_.percent(75) : rng_.percent(92));
    if (spouse) {
      Member s;
      s.relation = FamilyRelation::spouse;
      s.sex = head.sex == Sex::male ? Sex::female : Sex::male;
      const int gap = s.sex == Sex::female ? rng_.between(-2, 8) : rng_.between(-6, 1);  // years younger
      s.birth = random_day(rng_, head.birth.add_months(12 * gap - 6), head.birth.add_months(12 * gap + 6));
      const Date adult = years_before(today_, 19);
      if (s.birth > adult) s.birth = adult.add_days(-rng_.between(0, 300));
      out.push_back(s);
    }
    // Children follow the mother's (or the single parent's) age.
    const Date parent = spouse && out[1].sex == Sex::female ? out[1].birth : head.birth;
    Date next = parent.add_months(12 * rng_.between(19, 30) + rng_.between(0, 11));
    const std::size_t children = size - out.size();
    const Date yesterday = today_.add_days(-1);
    for (std::size_t c = 0; c < children; ++c) {
      Member child;
      child.sex = rng_.percent(51) ? Sex::male : Sex::female;
      if (next > yesterday) next = random_day(rng_, yesterday.add_days(-700), yesterday);  // late children: young
      child.birth = next;
      out.push_back(child);
      next = next.add_months(12 * rng_.between(1, 5) + rng_.between(0, 11));
    }
    return out;
  }

  std::string mobile() {
    return std::string("+62") + rng_.pick(kOperatorPrefixes) + pad(rng_.below(100'000'000), 8);
  }

  std::uint32_t choose_fktp(const District& home) {
    if (fktps_.empty()) return 0;
    if (rng_.percent(25)) return fktps_[rng_.index(fktps_.size())];
    std::uint32_t best = fktps_.front();
    double best_d = 1e9;
    for (const std::uint32_t i : fktps_) {
      const Facility& f = g_.data.facilities[i];
      const double dist = distance2(home.centre, Place{f.latitude, f.longitude});
      if (dist < best_d) {
        best_d = dist;
        best = i;
      }
    }
    return best;
  }

  std::string kk_number(std::size_t district, const Date& issued) {
    return g_.districts()[district].code + two_digits(issued.day) + two_digits(issued.month) +
           two_digits(issued.year % 100) + pad(static_cast<std::uint64_t>(g_.next_kk_serial(district, issued)), 4);
  }

  std::string nik(const Member& m) {
    const int day = m.birth.day + (m.sex == Sex::female ? 40 : 0);
    return g_.districts()[m.nik_district].code + two_digits(day) + two_digits(m.birth.month) +
           two_digits(m.birth.year % 100) +
           pad(static_cast<std::uint64_t>(g_.next_nik_serial(m.nik_district, m.birth, m.sex)), 4);
  }

  std::string card_number() {
    // "0001" + 9 digits: an affine map that is a bijection modulo 10^9 (3^18 is coprime to 10), so every
    // participant gets a different, unordered-looking number; leading zeros are part of the number.
    const std::uint64_t n = (card_offset_ + cards_++ * 387'420'489ull) % 1'000'000'000ull;
    return "0001" + pad(n, 9);
  }

  void make_family(std::size_t size, bool registered) {
    auto& data = g_.data;
    const std::size_t district = rng_.index(g_.districts().size());
    const District& home = g_.districts()[district];
    const Segment segment = kSegments[weighted(rng_, kSegmentWeights)];
    const int care_class = care_class_for(rng_, segment);
    std::vector<Member> people = members(size, segment);

    // Names: children often carry the father's last name.
    std::string father_word;
    for (auto& m : people) {
      const bool parent = m.relation != FamilyRelation::child;
      m.name = person_name(rng_, m.sex, m.birth.year, parent ? std::string_view() : std::string_view(father_word));
      if (parent && m.sex == Sex::male) father_word = std::string(last_word(m.name));
      m.nik_district = parent && rng_.percent(15) ? rng_.index(g_.districts().size()) : district;
    }

    // The family card is (re)issued after the youngest member's birth; some families had an older card.
    Date youngest = people.front().birth;
    for (const auto& m : people) youngest = std::max(youngest, m.birth);
    const Date issued = random_day(rng_, youngest.add_days(7), youngest.add_days(400));
    const Date kk_issued = std::min(issued, today_.add_days(-1));
    const std::string kk = kk_number(district, kk_issued);
    std::optional<Date> previous_issued;
    std::string previous_kk;
    const Date oldest_adult = years_before(kk_issued, 1);
    if (rng_.percent(10) && people.front().birth < years_before(oldest_adult, 18)) {
      const Date head_adult = people.front().birth.add_months(12 * 18);
      previous_issued = random_day(rng_, std::max(years_before(kk_issued, 8), head_adult), oldest_adult);
      previous_kk = kk_number(rng_.percent(50) ? district : rng_.index(g_.districts().size()), *previous_issued);
    }

    Address address;
    address.street = home_street(rng_);
    address.rt = pad(static_cast<std::uint64_t>(rng_.between(1, 15)), 3);
    address.rw = pad(static_cast<std::uint64_t>(rng_.between(1, 12)), 3);
    address.village_code = home.villages[rng_.index(home.villages.size())];
    address.postal_code = home.postal_code;

    const std::uint32_t fktp = choose_fktp(home);
    const Facility* fktp_facility = data.facilities.empty() ? nullptr : &data.facilities[fktp];
    std::string dental;
    if (fktp_facility != nullptr && fktp_facility->type == FacilityType::dpp && !dentists_.empty() &&
        rng_.percent(60)) {
      dental = data.facilities[dentists_[rng_.index(dentists_.size())]].code;
    }
    const Date registered_on = random_day(rng_, kJknStart, today_.add_days(-60));
    std::optional<Date> fktp_changed;
    if (rng_.percent(15)) fktp_changed = random_day(rng_, std::max(registered_on, today_.add_days(-540)), today_.add_days(-20));
    Autodebit autodebit = Autodebit::none;
    std::string provider;
    if (segment == Segment::pbpu) {
      const int roll = rng_.between(0, 99);
      if (roll < 30) {
        autodebit = Autodebit::bank;
        provider = rng_.pick(kBanks);
      } else if (roll < 40) {
        autodebit = Autodebit::non_bank;
        provider = rng_.pick(kWallets);
      }
    }

    const auto first = static_cast<std::uint32_t>(data.participants.size());
    for (const auto& m : people) {
      const bool adult = m.birth.years_until(today_) >= 17;
      const std::string person_nik = nik(m);
      CivilRecord civil{person_nik, m.name, m.birth, m.sex, kk, m.relation, address, registered};
      if (registered) {
        Participant p;
        p.id = g_.next_id(IdKind::participant).text();
        p.card_number = card_number();
        p.nik = person_nik;
        p.name = m.name;
        p.birth_date = m.birth;
        p.sex = m.sex;
        p.kk_number = kk;
        p.relation = m.relation;
        p.address = address;
        if (adult && rng_.percent(85)) p.phone = mobile();
        if (!p.phone.empty() && rng_.percent(35)) p.email = email_for(rng_, m.name);
        p.segment = segment;
        p.care_class = care_class;
        if (fktp_facility != nullptr) p.fktp = fktp_facility->code;
        p.dental_fktp = dental;
        p.active_from = std::max(registered_on, std::min(m.birth.add_days(14), today_));
        p.verification = Verification::verified;
        if (segment == Segment::pbpu) p.va_number = "88888" + p.card_number.substr(2);
        p.autodebit = autodebit;
        p.autodebit_provider = provider;
        p.fktp_changed_on = fktp_changed;
        const auto index = static_cast<std::uint32_t>(data.participants.size());
        if (previous_issued && m.birth < kk_issued) {
          data.kk_history.push_back(KkEntry{g_.next_id(IdKind::kk_entry), index, previous_kk,
                                            std::max(*previous_issued, m.birth), kk_issued});
        }
        data.kk_history.push_back(KkEntry{g_.next_id(IdKind::kk_entry), index, kk, std::max(kk_issued, m.birth), {}});
        data.participants.push_back(std::move(p));
      }
      data.civil_registry.push_back(std::move(civil));
    }
    if (registered) {
      data.families.push_back(DemoFamily{kk, first, static_cast<std::uint32_t>(people.size())});
      deactivate_some(first, segment);
    }
  }

  // A few families lost their coverage for reasons other than arrears (those follow from the bills).
  void deactivate_some(std::uint32_t first, Segment segment) {
    const char* reason = nullptr;
    if (segment == Segment::pbi_apbd && rng_.percent(4)) reason = "Dinonaktifkan dari PBI APBD (data tidak padan)";
    if (segment == Segment::ppu && rng_.percent(4)) reason = "Tidak lagi bekerja; belum pindah segmen";
    if (reason == nullptr) return;
    const Date until = random_day(rng_, today_.add_days(-300), today_.add_days(-10));
    for (std::size_t i = first; i < g_.data.participants.size(); ++i) {
      Participant& p = g_.data.participants[i];
      p.status = MemberStatus::inactive;
      p.status_reason = reason;
      p.active_until = std::max(until, p.active_from.value_or(until));
    }
  }

  Generator& g_;
  Rng rng_;
  Date today_;
  std::vector<std::uint32_t> fktps_;    // facilities a participant can be registered at
  std::vector<std::uint32_t> dentists_;  // DPGs, for participants of a DPP
  std::uint64_t card_offset_ = rng_.below(1'000'000'000ull);
  std::uint64_t cards_ = 0;
};

}  // namespace

void make_people(Generator& g) { FamilyMaker(g).run(); }

}  // namespace simpul::demo::detail
