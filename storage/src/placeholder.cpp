namespace simpul::storage {}
