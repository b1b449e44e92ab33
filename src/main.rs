fn main() {
    redline_annotator::start();
}
