namespace simpul::server {}
