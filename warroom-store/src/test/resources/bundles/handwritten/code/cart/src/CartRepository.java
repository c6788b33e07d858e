package shop;

class CartRepository {
  Cart load(String id) {
    return db.query("select * from cart where id = ?", id); // line 5
  }
}
