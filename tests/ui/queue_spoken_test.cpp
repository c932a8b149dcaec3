// Queue numbers read aloud in Bahasa Indonesia (the board's voice call), and the voice worker itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "queue/spoken.hpp"
#include "queue/voice.hpp"
#include "queue_fixture.hpp"
#include "support/temp_dir.hpp"

namespace simpul::queue_ui {
namespace {

TEST(SpokenNumber, WordsFollowIndonesianRules) {
  EXPECT_EQ(indonesian_words(0), "nol");
  EXPECT_EQ(indonesian_words(1), "satu");
  EXPECT_EQ(indonesian_words(10), "sepuluh");
  EXPECT_EQ(indonesian_words(11), "sebelas");
  EXPECT_EQ(indonesian_words(12), "dua belas");
  EXPECT_EQ(indonesian_words(19), "sembilan belas");
  EXPECT_EQ(indonesian_words(20), "dua puluh");
  EXPECT_EQ(indonesian_words(45), "empat puluh lima");
  EXPECT_EQ(indonesian_words(100), "seratus");
  EXPECT_EQ(indonesian_words(101), "seratus satu");
  EXPECT_EQ(indonesian_words(110), "seratus sepuluh");
  EXPECT_EQ(indonesian_words(111), "seratus sebelas");
  EXPECT_EQ(indonesian_words(112), "seratus dua belas");
  EXPECT_EQ(indonesian_words(250), "dua ratus lima puluh");
  EXPECT_EQ(indonesian_words(999), "sembilan ratus sembilan puluh sembilan");
  EXPECT_EQ(indonesian_words(1000), "seribu");
  EXPECT_EQ(indonesian_words(1100), "seribu seratus");
  EXPECT_EQ(indonesian_words(1999), "seribu sembilan ratus sembilan puluh sembilan");
  EXPECT_EQ(indonesian_words(2000), "dua ribu");
  EXPECT_EQ(indonesian_words(11000), "sebelas ribu");
  EXPECT_EQ(indonesian_words(100000), "seratus ribu");
  EXPECT_EQ(indonesian_words(1'000'000), "satu juta");
  EXPECT_EQ(indonesian_words(2'300'000), "dua juta tiga ratus ribu");
  EXPECT_EQ(indonesian_words(-5), "minus lima");
}

TEST(SpokenNumber, QueueNumbersReadAsTheLetterAndOneNumber) {
  EXPECT_EQ(spoken_number("A-112"), "A seratus dua belas");
  EXPECT_EQ(spoken_number("A-12"), "A dua belas");
  EXPECT_EQ(spoken_number("B-901"), "B sembilan ratus satu");
  EXPECT_EQ(spoken_number("C-1100"), "C seribu seratus");
  // An unenrolled device's numbers keep their leading zero: read digit by digit, as printed.
  EXPECT_EQ(spoken_number("A-007"), "A nol nol tujuh");
  EXPECT_EQ(spoken_number("101"), "seratus satu");
  EXPECT_EQ(spoken_number("odd-thing"), "odd thing");
}

TEST(SpokenNumber, CallAnnouncementNamesThePoli) {
  EXPECT_EQ(call_announcement("A-112", "Umum"), "Nomor antrean A seratus dua belas, silakan ke poli umum");
  EXPECT_EQ(call_announcement("C-003", "KIA"), "Nomor antrean C nol nol tiga, silakan ke poli KIA");
}

TEST(Voice, MissingProgramDisablesTheVoice) {
  Announcer voice(VoiceOptions{true, "/nonexistent/espeak-ng-missing", "id", 8});
  EXPECT_FALSE(voice.active());
  voice.say("Nomor antrean A satu");  // nothing happens, nothing blocks
  Announcer off(VoiceOptions{false, "sh", "id", 8});
  EXPECT_FALSE(off.active());
}

TEST(Voice, PhrasesAreSpokenInOrderByTheProgram) {
  test::TempDir dir("simpul-voice");
  const std::filesystem::path log = dir.file("spoken.txt");
  const std::filesystem::path fake = dir.file("fake-espeak");
  {
    std::ofstream script(fake);
    script << "#!/bin/sh\n# args: -v VOICE TEXT\necho \"$2|$3\" >> '" << log.string() << "'\n";
  }
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  Announcer voice(VoiceOptions{true, fake.string(), "id", 8});
  ASSERT_TRUE(voice.active());
  voice.say(call_announcement("A-101", "Umum"));
  voice.say(call_announcement("B-102", "Gigi"));
  voice.wait_idle();
  EXPECT_EQ(queue_test::read_file(log),
            "id|Nomor antrean A seratus satu, silakan ke poli umum\n"
            "id|Nomor antrean B seratus dua, silakan ke poli gigi\n");
}

}  // namespace
}  // namespace simpul::queue_ui
