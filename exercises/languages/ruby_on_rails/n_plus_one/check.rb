# Seeds the mini store, loads the learner's answer, calls category_listing and prints what happened as
# JSON: the listing, the expected listing and every query. Run as: ruby check.rb ANSWER SEED
require "json"
require_relative "mini_record"

answer, seed = ARGV.fetch(0), Integer(ARGV.fetch(1))
random = Random.new(seed)
MiniRecord.categories = (1..8).to_h { |id| [id, Category.new(id, "Category #{random.rand(1000..9999)}")] }
MiniRecord.items = (1..50).to_a.shuffle(random: random).map do |id|
  Item.new(id, "Item #{random.rand(10_000..99_999)}", random.rand(1..8))
end

load answer
expected = MiniRecord.items.sort_by(&:id).first(20).map do |item|
  { "name" => item.name, "category" => MiniRecord.categories.fetch(item.category_id).name }
end
MiniRecord.queries.clear
listing = category_listing
puts JSON.generate({ "listing" => listing, "expected" => expected, "queries" => MiniRecord.queries })
