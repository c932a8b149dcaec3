#pragma once
// Frame pacing hints from draw code to the runner, which otherwise idles at a few frames per second.

namespace simpul::ui {

// Something on screen is moving (an indeterminate progress bar, a transition): keep drawing at full rate
// for the next frame.
void request_animation_frame();
// Read and reset by the runner once per frame.
bool take_animation_request();

}  // namespace simpul::ui
