namespace simpul::app {}
