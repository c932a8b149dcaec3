#pragma once
// The waiting-room board (`simpul --display`): per poli the number being called and how many wait, the most recent
// calls, the clock and the facility's name. Read from across the room: few words, very large numbers. The board
// takes no input except 'V' (voice calls on/off) from a keyboard plugged in at set-up time.
#include <string>
#include <vector>

namespace simpul::screens::display {

struct PoliBoard {
  std::string code;
  std::string name;     // "Umum"
  std::string current;  // the number called most recently ("A-112"); "" before the first call
  int waiting = 0;      // still to be called (waiting + called)
  bool fresh = false;   // called within the last kFreshSeconds: drawn in the accent colour
};

struct RecentCall {
  std::string number;
  std::string poli_name;
  std::string time;  // "08:14"
};

struct View {
  std::string facility_name;
  std::string clock;  // "08:14"
  std::string date;   // "01-01-2026"
  std::vector<PoliBoard> polis;
  std::vector<RecentCall> recent;  // newest first
  bool voice_on = false;
  std::string problem_key;  // i18n key when the board cannot show a queue (no facility, storage error)
};

struct Form {};

struct Intents {
  bool toggle_voice = false;  // 'V'
};

Intents draw(const View& view, Form& form);

}  // namespace simpul::screens::display
