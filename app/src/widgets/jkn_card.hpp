#pragma once
// The digital JKN-KIS card drawn in the current ImGui window (from jkn_card_layout), `width` pixels wide.
#include "widgets/jkn_card_layout.hpp"

namespace simpul::widgets {

void draw_jkn_card(const CardData& card, float width);

}  // namespace simpul::widgets
